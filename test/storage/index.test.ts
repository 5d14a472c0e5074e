/** createStorage for STORAGE=sqlite (the Blob backend is opened in blob.test.ts, against Azurite). */
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createLogger } from '../../src/log';
import { createStorage } from '../../src/storage';
import { SqliteStore } from '../../src/storage/sqlite';
import { useTempDir } from '../support/tempDir';

describe('createStorage', () => {
  const tempDir = useTempDir('create');

  it('opens SQLite in missingkbs.sqlite under DATA_DIR, creating the folder, and says so', async () => {
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
    const logged = lines.map((l) => JSON.parse(l));
    assert.deepEqual(
      logged.map((l) => [l.msg, l.kind, l.file]),
      [['storage.ready', 'sqlite', path.join(dataDir, 'missingkbs.sqlite')]],
    );
  });

  it('fails at start when DATA_DIR is a file', async () => {
    const file = path.join(tempDir(), 'a-file');
    writeFileSync(file, 'not a folder');
    await assert.rejects(createStorage({ kind: 'sqlite', dataDir: file }, createLogger('silent')), /EEXIST|ENOTDIR/);
  });
});
