/** Several bot processes on one store: leases give each key to exactly one of them; SQLite data outlives a process. */
import assert from 'node:assert/strict';
import path from 'node:path';
import type { StorageConfig } from '../../src/config/storage';
import { startAzurite, type Azurite } from '../support/azurite';
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

  it('SQLite: data written by one process is read by the next, after it exited', async () => {
    const storage: StorageConfig = { kind: 'sqlite', dataDir: path.join(tempDir(), 'restart') };
    const items = {
      'watch:microsoft-_-edge': { by: 'Mégane', at: '2026-01-01T00:00:00Z' },
      big: { s: 'é'.repeat(100_000) },
    };
    await runTogether([{ kind: 'write', storage, items }]);
    const [read] = (await runTogether([{ kind: 'read', storage, keys: Object.keys(items) }])) as Record<string, any>[];
    assert.equal(read['watch:microsoft-_-edge'].by, 'Mégane');
    assert.ok(read.big.s === items.big.s, 'the 100 000 é come back whole');
  });

  describe('on one Azurite container', () => {
    let azurite: Azurite;
    before(async () => {
      azurite = await startAzurite();
    });
    after(async () => {
      await azurite?.stop();
    });

    it('Blob: two processes racing for 50 leases win each exactly once', async () => {
      await assertOneWinnerPerKey({ kind: 'blob', connectionString: azurite.connectionString, container: 'race' });
    });
  });
});
