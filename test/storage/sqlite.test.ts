/** SqliteStore against the storage and lease contracts, plus what only a file gives: WAL, reopening, locks. */
import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SQLITE_CACHE_KIB, SqliteStore } from '../../src/storage/sqlite';
import { startWorker } from '../support/storeWorkers';
import { storageContract } from './contract';
import { leaseContract } from './leaseContract';
import { useTempDir } from '../support/tempDir';

describe('SqliteStore', () => {
  const tempDir = useTempDir('sqlite');
  let count = 0;
  const open = (): Promise<SqliteStore> =>
    Promise.resolve(new SqliteStore(path.join(tempDir(), `store-${++count}.sqlite`)));

  describe('storage contract', () => storageContract(open));
  describe('leases', () => leaseContract(open));

  it('creates missing folders, uses WAL mode and one table', async () => {
    const file = path.join(tempDir(), 'nested', 'deeper', 'missingkbs.sqlite');
    const store = new SqliteStore(file);
    await store.write({ k: { v: 1 } });
    const db = new Database(file, { readonly: true });
    try {
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all();
      assert.deepEqual(tables, [{ name: 'items' }]);
      const row = db.prepare('SELECT key, value FROM items').get();
      assert.deepEqual(row, { key: 'k', value: '{"v":1}' });
    } finally {
      db.close();
      await store.close();
    }
  });

  it('bounds its page cache to SQLITE_CACHE_KIB, not the 16 MB better-sqlite3 builds with, and says how full it can be', async () => {
    const store = new SqliteStore(path.join(tempDir(), 'cache.sqlite'));
    try {
      await store.write({ k: { v: 'x'.repeat(100_000) } });
      const { size, bound } = store.stats();
      assert.equal(bound, SQLITE_CACHE_KIB);
      assert.ok(size > 100 && size <= SQLITE_CACHE_KIB, String(size));
    } finally {
      await store.close();
    }
  });

  it('keeps the data after close and reopen, with the WAL checkpointed into the file', async () => {
    const file = path.join(tempDir(), 'reopen.sqlite');
    const first = new SqliteStore(file);
    await first.write({ a: { fr: 'sécurité 🎉' }, b: { n: 2 } });
    const eTag = (await first.read(['a'])).a.eTag;
    await first.close();
    await first.close();
    assert.ok(!existsSync(`${file}-wal`) || statSync(`${file}-wal`).size === 0, 'the WAL is empty after close');
    const second = new SqliteStore(file);
    try {
      const found = await second.read(['a', 'b']);
      assert.equal(found.a.fr, 'sécurité 🎉');
      assert.equal(found.a.eTag, eTag);
      assert.equal(found.b.n, 2);
    } finally {
      await second.close();
    }
  });

  it('shares one file between two handles: a write through one is a conflict for the other', async () => {
    const file = path.join(tempDir(), 'shared.sqlite');
    const one = new SqliteStore(file);
    const two = new SqliteStore(file);
    try {
      await one.write({ k: { v: 1 } });
      const seen = (await two.read(['k'])).k.eTag;
      await one.write({ k: { v: 2 } });
      await assert.rejects(two.write({ k: { v: 3, eTag: seen } }), { name: 'ConflictError' });
      assert.equal(await two.create('k', { v: 4 }), false);
      assert.equal((await one.read(['k'])).k.v, 2);
    } finally {
      await one.close();
      await two.close();
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
});
