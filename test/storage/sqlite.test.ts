/**
 * SqliteStore against the storage and lease contracts, plus what only a file gives: WAL, reopening, locks,
 * two processes on one file (better-sqlite3 is synchronous: only separate processes really race), and
 * createStorage for STORAGE=sqlite (Blob: blob.test.ts; bot processes: test/alerts/process.test.ts).
 */
import assert from 'node:assert/strict';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createLogger } from '../../src/log';
import { createStorage } from '../../src/storage';
import { SQLITE_CACHE_KIB, SqliteStore } from '../../src/storage/sqlite';
import { runTogether, startWorker } from '../support/storeWorkers';
import { storeContract } from './contract';
import { useTempDir } from '../support/tempDir';

describe('SqliteStore', () => {
  const tempDir = useTempDir('sqlite');
  let count = 0;
  const open = (): Promise<SqliteStore> =>
    Promise.resolve(new SqliteStore(path.join(tempDir(), `store-${++count}.sqlite`)));

  describe('contract', () => storeContract(open));

  it('creates missing folders, uses WAL mode, one table and a bounded page cache, and keeps the data after reopening', async () => {
    const file = path.join(tempDir(), 'nested', 'deeper', 'missingkbs.sqlite');
    const first = new SqliteStore(file);
    await first.write({ a: { fr: 'sécurité 🎉' }, b: { n: 2 }, big: { v: 'x'.repeat(100_000) } });
    // Its page cache is SQLITE_CACHE_KIB, not the 16 MB better-sqlite3 builds with, and it says how full it is.
    const { size, bound } = first.stats();
    assert.equal(bound, SQLITE_CACHE_KIB);
    assert.ok(size > 100 && size <= SQLITE_CACHE_KIB, String(size));
    const db = new Database(file, { readonly: true });
    try {
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
      assert.deepEqual(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all(), [{ name: 'items' }]);
      assert.deepEqual(db.prepare("SELECT value FROM items WHERE key = 'b'").get(), { value: '{"n":2}' });
    } finally {
      db.close();
    }
    const eTag = (await first.read(['a'])).a.eTag;
    await first.close();
    await first.close();
    assert.ok(!existsSync(`${file}-wal`) || statSync(`${file}-wal`).size === 0, 'the WAL is empty after close');
    const second = new SqliteStore(file);
    try {
      const found = await second.read(['a', 'b']);
      assert.deepEqual([found.a.fr, found.a.eTag, found.b.n], ['sécurité 🎉', eTag, 2]);
    } finally {
      await second.close();
    }
  });

  it('waits for another process’s write lock instead of failing (busy timeout)', async function () {
    this.timeout(30_000);
    const file = path.join(tempDir(), 'locked.sqlite');
    const store = new SqliteStore(file);
    await store.write({ k: { v: 1 } });
    const holder = startWorker({ kind: 'lock', file, ms: 300 });
    await holder.ready;
    holder.go();
    // Synchronous: blocks this process until the holder rolls back, then writes.
    await store.write({ k: { v: 2 } });
    await holder.result;
    assert.equal((await store.read(['k'])).k.v, 2);
    await store.close();
  });

  it('gives each of 50 leases to exactly one of two processes racing for them on one file', async function () {
    this.timeout(60_000);
    const keys = Array.from({ length: 50 }, (_, i) => `alert:microsoft-_-edge:KB50${String(i).padStart(5, '0')}`);
    const storage = { kind: 'sqlite' as const, dataDir: path.join(tempDir(), 'race') };
    const results = (await runTogether([
      { kind: 'race', storage, owner: 'instance-a', keys },
      { kind: 'race', storage, owner: 'instance-b', keys, reverse: true },
    ])) as { won: string[] }[];
    assert.deepEqual(results.flatMap((r) => r.won).sort(), [...keys].sort(), 'every key won exactly once');
  });

  it('is what createStorage opens for STORAGE=sqlite: missingkbs.sqlite under DATA_DIR, folder created, logged', async () => {
    const lines: string[] = [];
    const dataDir = path.join(tempDir(), 'not', 'yet');
    const store = await createStorage(
      { kind: 'sqlite', dataDir },
      createLogger('info', (l) => lines.push(l)),
    );
    try {
      assert.ok(store instanceof SqliteStore);
      await store.write({ k: { v: 1 } });
      assert.ok(existsSync(path.join(dataDir, 'missingkbs.sqlite')));
    } finally {
      await store.close();
    }
    assert.deepEqual(
      lines.map((l) => JSON.parse(l)).map((l) => [l.msg, l.kind, l.file, l.journal, l.synchronous]),
      // NORMAL, not SQLite's FULL: no fsync per commit (see src/storage/sqlite.ts).
      [['storage.ready', 'sqlite', path.join(dataDir, 'missingkbs.sqlite'), 'wal', 'normal']],
    );
    const file = path.join(tempDir(), 'a-file');
    writeFileSync(file, 'not a folder');
    await assert.rejects(createStorage({ kind: 'sqlite', dataDir: file }, createLogger('silent')), /EEXIST|ENOTDIR/);
  });
});
