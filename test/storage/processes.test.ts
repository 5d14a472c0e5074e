/**
 * Two processes on one SQLite file: leases give each key to exactly one of them (better-sqlite3 is
 * synchronous, so only separate processes really race). Blob: the lease contract's concurrent owners in
 * blob.test.ts race at Azurite, and test/alerts/process.blob.test.ts runs two bot processes on it; data
 * that outlives a process: sqlite.test.ts (reopen) and test/alerts/process.restart.test.ts.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import type { StorageConfig } from '../../src/config/storage';
import { runTogether } from '../support/storeWorkers';
import { useTempDir } from '../support/tempDir';

const KEYS = Array.from({ length: 50 }, (_, i) => `alert:microsoft-_-edge:KB50${String(i).padStart(5, '0')}`);

/** Races two processes for KEYS on `storage`; asserts every key was won exactly once. */
async function assertOneWinnerPerKey(storage: StorageConfig): Promise<void> {
  const results = (await runTogether([
    { kind: 'race', storage, owner: 'instance-a', keys: KEYS },
    { kind: 'race', storage, owner: 'instance-b', keys: KEYS, reverse: true },
  ])) as { won: string[] }[];
  const won = results.flatMap((r) => r.won);
  assert.deepEqual([...won].sort(), [...KEYS].sort(), 'every key won exactly once');
}

describe('storage shared by processes', function () {
  this.timeout(60_000);
  const tempDir = useTempDir('processes');

  it('SQLite: two processes racing for 50 leases on one file win each exactly once', async () => {
    await assertOneWinnerPerKey({ kind: 'sqlite', dataDir: path.join(tempDir(), 'race') });
  });
});
