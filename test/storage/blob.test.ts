/** BlobStore on Azurite against the storage and lease contracts, plus what is particular to Blob Storage. */
import assert from 'node:assert/strict';
import http from 'node:http';
import { ContainerClient } from '@azure/storage-blob';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { createLogger } from '../../src/log';
import { createStorage } from '../../src/storage';
import { BlobStore } from '../../src/storage/blob';
import { HASHED_KEY_PREFIX } from '../../src/storage/blobKeys';
import { DEV_ACCOUNT_KEY, devConnectionString, startAzurite, type Azurite } from '../support/azurite';
import { startLocal, type LocalServer } from '../support/localServer';
import { assertConflict, storeContract } from './contract';

/** A PUT that went through the recording proxy. */
interface SeenPut {
  readonly path: string;
  readonly contentLength: string | undefined;
  readonly bytes: number;
  readonly ifMatch: string | undefined;
}

/** A loopback proxy in front of Azurite that records what the SDK really sends. */
async function startRecordingProxy(target: string): Promise<{ server: LocalServer; puts: SeenPut[] }> {
  const { hostname, port } = new URL(target);
  const puts: SeenPut[] = [];
  const server = await startLocal((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (req.method === 'PUT') {
        const ifMatch = req.headers['if-match'];
        puts.push({ path: req.url ?? '', contentLength: req.headers['content-length'], bytes: body.length, ifMatch });
      }
      const upstream = http.request(
        { hostname, port, method: req.method, path: req.url, headers: req.headers },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      upstream.end(body);
    });
  });
  return { server, puts };
}

describe('BlobStore (Azurite)', function () {
  this.timeout(60_000);
  let azurite: Azurite;
  let count = 0;
  const container = (): string => `test-${++count}-${process.pid}`;
  const open = (): Promise<BlobStore> =>
    BlobStore.open({ connectionString: azurite.connectionString, container: container() });

  before(async () => {
    azurite = await startAzurite();
  });
  after(async () => {
    await azurite?.stop();
  });

  describe('contract', () => storeContract(open));

  it("keeps botbuilder's blob names: BlobsStorage reads what BlobStore wrote, and the other way round", async () => {
    const name = container();
    const store = await BlobStore.open({ connectionString: azurite.connectionString, container: name });
    const botbuilder = new BlobsStorage(azurite.connectionString, name);
    const keys = ['conversation:19:abc@thread.tacv2', 'watch/microsoft-_-edge', 'é 🎉 ?#%'];
    await store.write(Object.fromEntries(keys.map((k) => [k, { from: 'ours' }])));
    const read = await botbuilder.read(keys);
    assert.deepEqual(
      keys.map((k) => read[k]?.from),
      keys.map(() => 'ours'),
    );
    await botbuilder.write({ theirs: { from: 'botbuilder' } });
    assert.equal((await store.read(['theirs'])).theirs.from, 'botbuilder');
    const names: string[] = [];
    for await (const blob of new ContainerClient(azurite.connectionString, name).listBlobsFlat()) names.push(blob.name);
    assert.deepEqual(names.sort(), [...keys, 'theirs'].map((k) => encodeURIComponent(k)).sort());
    await store.close();
  });

  it('gives keys that BlobsStorage would merge or mangle a hashed blob of their own, conflicts named by our key', async () => {
    const name = container();
    const store = await BlobStore.open({ connectionString: azurite.connectionString, container: name });
    const long = 'k'.repeat(1100);
    await store.write({
      'a/b': { v: 1 },
      'a//b': { v: 2 },
      [long + 'A']: { v: 3 },
      [long + 'B']: { v: 4 },
      'x.': { v: 5 },
    });
    const names: string[] = [];
    for await (const blob of new ContainerClient(azurite.connectionString, name).listBlobsFlat()) names.push(blob.name);
    assert.equal(names.length, 5);
    assert.ok(names.includes('a%2Fb'));
    const hashed = names.filter((n) => n.startsWith(encodeURIComponent(HASHED_KEY_PREFIX)));
    assert.equal(hashed.length, 4, names.join('\n'));
    assert.deepEqual(
      names.sort(),
      ['a/b', 'a//b', long + 'A', long + 'B', 'x.'].map((k) => BlobStore.blobName(k)).sort(),
    );
    // A lost condition on a hashed key is a ConflictError for our key.
    const eTag = (await store.read([long + 'A']))[long + 'A'].eTag;
    await store.write({ [long + 'A']: { v: 6 } });
    await assertConflict(store.write({ [long + 'A']: { v: 7, eTag } }), long + 'A');
    await store.close();
  });

  it('sends the byte length of non-ASCII JSON, and no If-Match on a write without eTag', async () => {
    const proxy = await startRecordingProxy(azurite.blobEndpoint);
    const endpoint = `${proxy.server.url}/devstoreaccount1`;
    const store = await BlobStore.open({ connectionString: devConnectionString(endpoint), container: container() });
    try {
      const value = { text: 'Mise à jour de sécurité 🎉 — 安全' };
      await store.write({ fr: value });
      assert.equal(await store.create('created', value), true);
      const eTag = (await store.read(['fr'])).fr.eTag;
      await store.write({ fr: { ...value, eTag } });
      const blobPuts = proxy.puts.filter((p) => !p.path.includes('restype=container'));
      assert.equal(blobPuts.length, 3);
      const json = JSON.stringify(value);
      for (const put of blobPuts) {
        assert.equal(put.bytes, Buffer.byteLength(json));
        assert.equal(put.contentLength, String(Buffer.byteLength(json)));
      }
      assert.deepEqual(
        blobPuts.map((p) => p.ifMatch),
        [undefined, undefined, eTag],
      );
      assert.equal((await store.read(['fr'])).fr.text, value.text);
    } finally {
      await store.close();
      await proxy.server.close();
    }
  });

  it('is what createStorage opens for STORAGE=blob, creating its container or opening it, logged without the key', async () => {
    const lines: string[] = [];
    const name = container();
    assert.equal(await new ContainerClient(azurite.connectionString, name).exists(), false);
    const store = await createStorage(
      { kind: 'blob', connectionString: azurite.connectionString, container: name },
      createLogger('info', (line) => lines.push(line)),
    );
    assert.ok(store instanceof BlobStore);
    assert.equal(await new ContainerClient(azurite.connectionString, name).exists(), true);
    await store.write({ k: { v: 1 } });
    const again = await BlobStore.open({ connectionString: azurite.connectionString, container: name });
    assert.equal((await again.read(['k'])).k.v, 1);
    await again.close();
    await store.close();
    const logged = lines.map((l) => JSON.parse(l)).map((l) => [l.msg, l.kind, l.container, l.credential]);
    assert.deepEqual(logged, [['storage.ready', 'blob', name, 'account key (set)']]);
    assert.ok(!lines[0].includes(DEV_ACCOUNT_KEY.slice(0, 20)));
  });
});
