/**
 * The embedded store: one SQLite file (better-sqlite3, WAL mode) holding one table of JSON items with
 * eTags. Several processes may open the same file: a busy timeout makes them wait for each other's
 * write lock instead of failing, and every write runs in one IMMEDIATE transaction, so a multi-item
 * write is all-or-nothing and a conditional write cannot interleave with another process's.
 *
 * Commits are synchronous=NORMAL, SQLite's advice for WAL: a commit survives the process being killed
 * but not the machine losing power (the last commits may then roll back; the file is never corrupt).
 * better-sqlite3 builds with that default (SQLITE_DEFAULT_WAL_SYNCHRONOUS=1); it is set here so it does
 * not depend on how the module was compiled: FULL would fsync every commit, about 45 µs of CPU and
 * 0.1 ms with the event loop blocked per write.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { track, type Measured, type StructureStats } from '../cache/stats';
import { ConflictError, storedJson } from './items';
import type { AppStorage, StoreItem, StoreItems } from './types';

/** The file name of the store under DATA_DIR. */
export const SQLITE_FILE_NAME = 'missingkbs.sqlite';

/** Page cache of the connection, in KiB (SQLite's own default is 2,000 KiB; better-sqlite3 builds with 16,000). */
export const SQLITE_CACHE_KIB = 2000;

/** How long a writer waits for another process's lock before giving up (ms). */
const BUSY_TIMEOUT_MS = 15_000;

interface Row {
  value: string;
  etag: string;
}

/** AppStorage on a SQLite file; eTags are random, so they never repeat, even after a delete. */
export class SqliteStore implements AppStorage, Measured {
  private readonly db: Database.Database;
  private readonly select: Database.Statement<[string], Row>;
  private readonly selectETag: Database.Statement<[string], { etag: string }>;
  private readonly upsert: Database.Statement<[string, string, string]>;
  private readonly insert: Database.Statement<[string, string, string]>;
  private readonly remove: Database.Statement<[string]>;
  private readonly transaction: Database.Transaction<(work: () => void) => void>;
  private closed = false;

  /** Opens (and creates, with its folder, if missing) the store at `file`. */
  constructor(readonly file: string) {
    mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
    // Two processes opening a new file at once can find it locked while the other switches it to WAL
    // (SQLite returns SQLITE_BUSY there without waiting): retry the set-up for a while.
    whileBusy(() => {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
      this.db.pragma(`cache_size = -${SQLITE_CACHE_KIB}`);
      this.db.exec(
        'CREATE TABLE IF NOT EXISTS items (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL, etag TEXT NOT NULL)',
      );
    });
    this.select = this.db.prepare('SELECT value, etag FROM items WHERE key = ?');
    this.selectETag = this.db.prepare('SELECT etag FROM items WHERE key = ?');
    this.upsert = this.db.prepare(
      'INSERT INTO items (key, value, etag) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, etag = excluded.etag',
    );
    this.insert = this.db.prepare('INSERT INTO items (key, value, etag) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING');
    this.remove = this.db.prepare('DELETE FROM items WHERE key = ?');
    this.transaction = this.db.transaction((work: () => void) => work());
    track('SQLite page cache ceiling (KiB)', this);
  }

  /** Most the page cache can hold now (the file's size up to the connection's cache_size), in KiB. */
  stats(): StructureStats {
    if (this.closed) return { size: 0, bound: 0 };
    const pragma = (name: string): number => this.db.pragma(name, { simple: true }) as number;
    const cacheSize = pragma('cache_size');
    const bound = cacheSize < 0 ? -cacheSize : (cacheSize * pragma('page_size')) / 1024;
    return { size: Math.min(bound, Math.ceil((pragma('page_count') * pragma('page_size')) / 1024)), bound };
  }

  /** How the connection journals and syncs, for the start-up log (e.g. `wal`, `normal`). */
  settings(): { journal: string; synchronous: string } {
    const synchronous = ['off', 'normal', 'full', 'extra'][this.db.pragma('synchronous', { simple: true }) as number];
    return { journal: this.db.pragma('journal_mode', { simple: true }) as string, synchronous };
  }

  /** The items that exist among `keys`, read in one snapshot. */
  async read(keys: string[]): Promise<StoreItems> {
    const found: StoreItems = {};
    this.run(() => {
      for (const key of keys) {
        const row = this.select.get(key);
        if (row) found[key] = { ...(JSON.parse(row.value) as StoreItem), eTag: row.etag };
      }
    }, 'deferred');
    return Promise.resolve(found);
  }

  /** Writes every change in one transaction: all eTag checks pass or nothing is written. */
  async write(changes: StoreItems): Promise<void> {
    this.run(() => {
      for (const [key, item] of Object.entries(changes)) {
        const wanted = item.eTag;
        if (wanted !== undefined && wanted !== '*' && this.selectETag.get(key)?.etag !== wanted) {
          throw new ConflictError(key);
        }
      }
      for (const [key, item] of Object.entries(changes)) this.upsert.run(key, storedJson(item), randomUUID());
    });
    return Promise.resolve();
  }

  /** Deletes the keys. */
  async delete(keys: string[]): Promise<void> {
    this.run(() => {
      for (const key of keys) this.remove.run(key);
    });
    return Promise.resolve();
  }

  /** Creates `key` unless it exists (INSERT … ON CONFLICT DO NOTHING). */
  async create(key: string, item: StoreItem): Promise<boolean> {
    let created = false;
    this.run(() => {
      created = this.insert.run(key, storedJson(item), randomUUID()).changes === 1;
    });
    return Promise.resolve(created);
  }

  /** Checkpoints the WAL into the main file and closes the handle; later calls fail. */
  async close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.db.pragma('wal_checkpoint(TRUNCATE)');
      this.db.close();
    }
    return Promise.resolve();
  }

  /** Runs `work` in a transaction: IMMEDIATE for writes (takes the write lock first, waits when busy). */
  private run(work: () => void, mode: 'deferred' | 'immediate' = 'immediate'): void {
    if (this.closed) throw new Error('storage: closed');
    this.transaction[mode](work);
  }
}

/** Runs `work`, retrying it while SQLite says the file is busy (up to the busy timeout). */
function whileBusy(work: () => void): void {
  const giveUpAt = Date.now() + BUSY_TIMEOUT_MS;
  for (;;) {
    try {
      work();
      return;
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (typeof code !== 'string' || !code.startsWith('SQLITE_BUSY') || Date.now() > giveUpAt) throw err;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
}
