/** A child process for the storage tests (run from dist by storeWorkers.ts): reads its task from stdin, opens the configured store with createStorage, says `ready`, waits for `go` on stdin so that sibling processes start together, runs one task and prints its result as one JSON line. */
import Database from 'better-sqlite3';
import { createInterface } from 'node:readline';
import { silentLogger } from '../../src/log';
import { createStorage } from '../../src/storage';
import { Leases } from '../../src/storage/lease';
import type { StorageConfig } from '../../src/config/storage';

/** What a worker does. */
export type WorkerTask =
  | { kind: 'race'; storage: StorageConfig; owner: string; keys: string[]; reverse?: boolean }
  /** Holds SQLite's write lock on `file` until told `go`, then releases it `ms` later. */
  | { kind: 'lock'; file: string; ms: number };

async function run(task: WorkerTask, go: Promise<void>): Promise<unknown> {
  if (task.kind === 'lock') {
    const db = new Database(task.file);
    db.exec('BEGIN IMMEDIATE');
    say('ready');
    await go;
    await new Promise((resolve) => setTimeout(resolve, task.ms));
    db.exec('ROLLBACK');
    db.close();
    return { released: true };
  }
  const store = await createStorage(task.storage, silentLogger);
  say('ready');
  await go;
  try {
    const leases = new Leases(store, task.owner);
    // `reverse` owners go from the other end, so that processes meet on the same keys.
    const order = task.reverse ? [...task.keys].reverse() : task.keys;
    const won: string[] = [];
    for (const key of order) {
      if ((await leases.acquire(key, 60_000)) !== undefined) won.push(key);
      await new Promise((resolve) => setImmediate(resolve));
    }
    return { won };
  } finally {
    await store.close();
  }
}

function say(line: string): void {
  process.stdout.write(line + '\n');
}

// stdin: the task as one JSON line, then `go`.
const lines = createInterface({ input: process.stdin });
let received: (task: WorkerTask) => void = () => undefined;
let released: () => void = () => undefined;
const task = new Promise<WorkerTask>((resolve) => (received = resolve));
const go = new Promise<void>((resolve) => (released = resolve));
lines.on('line', (line) => {
  if (line === 'go') released();
  else received(JSON.parse(line) as WorkerTask);
});
task
  .then((t) => run(t, go))
  .then((result) => {
    say(JSON.stringify({ result }));
    lines.close();
  })
  .catch((err: unknown) => {
    say(JSON.stringify({ error: String(err) }));
    lines.close();
    process.exitCode = 1;
  });
