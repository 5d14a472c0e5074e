/** A temporary folder for the tests of one describe block, removed after them. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Registers before/after hooks; call the returned function (inside tests) for the folder's path. */
export function useTempDir(prefix: string): () => string {
  let dir: string | undefined;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), `missingkbs-${prefix}-`));
  });
  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    if (!dir) throw new Error('useTempDir: the folder exists only while the tests run');
    return dir;
  };
}

/** A fresh DATA_DIR for one bot started by a harness (its SQLite file); the harness removes it at stop. */
export function tempDataDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'missingkbs-data-'));
}

/** Removes a folder made by tempDataDir (nothing when undefined). */
export function removeDataDir(dir: string | undefined): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}
