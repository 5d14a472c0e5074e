/** MemoryStore (the unit tests' store) against the storage and lease contracts. */
import { MemoryStore } from '../../src/storage/memory';
import { storeContract } from './contract';

describe('MemoryStore', () => {
  describe('contract', () => storeContract(() => Promise.resolve(new MemoryStore())));
});
