/** MemoryStore (the unit tests' store) against the storage and lease contracts. */
import { MemoryStore } from '../../src/storage/memory';
import { storageContract } from './contract';
import { leaseContract } from './leaseContract';

describe('MemoryStore', () => {
  const open = (): Promise<MemoryStore> => Promise.resolve(new MemoryStore());
  describe('storage contract', () => storageContract(open));
  describe('leases', () => leaseContract(open));
});
