// Unit tests for src/storageConfig.ts through loadConfig: defaults, blob settings, every problem at once, redaction.
import assert from 'node:assert/strict';
import { ContainerClient } from '@azure/storage-blob';
import { ConfigError, loadConfig, redactedSummary } from '../../src/config';
import { isContainerName, storageSummary } from '../../src/config/storage';

const KEY = 'c2VjcmV0LWFjY291bnQta2V5LTEyMzQ1Njc4OTAtU0VDUkVULUtFWQ==';
const SAS = 'sv=2024-11-04&ss=b&srt=co&sp=rwdlac&se=2030-01-01T00:00:00Z&sig=SECRETSIGNATURE%3D';
const PORTAL = `DefaultEndpointsProtocol=https;AccountName=contosobot;AccountKey=${KEY};EndpointSuffix=core.windows.net`;

/** The problems loadConfig reports for env. */
function problems(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (err) {
    assert.ok(err instanceof ConfigError);
    return err.problems;
  }
  assert.fail('expected ConfigError');
}

describe('storage settings', () => {
  it('defaults to SQLite under ./data', () => {
    assert.deepEqual(loadConfig({}).storage, { kind: 'sqlite', dataDir: './data' });
  });

  it('reads STORAGE case-insensitively and DATA_DIR', () => {
    assert.deepEqual(loadConfig({ STORAGE: 'SQLite', DATA_DIR: ' /var/lib/missingkbs ' }).storage, {
      kind: 'sqlite',
      dataDir: '/var/lib/missingkbs',
    });
  });

  it('reads the Azure portal connection string and the default container', () => {
    assert.deepEqual(loadConfig({ STORAGE: 'blob', BLOB_CONNECTION_STRING: PORTAL }).storage, {
      kind: 'blob',
      connectionString: PORTAL,
      container: 'missingkbs-bot',
    });
  });

  it('accepts development storage, a BlobEndpoint with an account key, and a SAS, as the SDK does', () => {
    for (const cs of [
      'UseDevelopmentStorage=true',
      'UseDevelopmentStorage=true;DevelopmentStorageProxyUri=http://127.0.0.1:8888',
      `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${KEY};BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;`,
      `BlobEndpoint=https://contosobot.blob.core.windows.net/;SharedAccessSignature=${SAS}`,
    ]) {
      const storage = loadConfig({ STORAGE: 'blob', BLOB_CONNECTION_STRING: cs, BLOB_CONTAINER: 'alerts-01' }).storage;
      assert.equal(storage.kind, 'blob', cs);
      assert.doesNotThrow(() => new ContainerClient(cs, 'alerts-01'), cs);
    }
  });

  it('lists every storage problem together, with the others, and never the key or the SAS', () => {
    const found = problems({
      PORT: 'x',
      STORAGE: 'blob',
      BLOB_CONTAINER: 'Bad_Container',
      BLOB_CONNECTION_STRING: `AccountName=Contoso;AccountKey=${KEY}!;Colour=blue;${KEY}`,
    });
    const text = found.join('\n');
    for (const expected of [
      /^PORT/m,
      /^BLOB_CONTAINER must be 3 to 63 lowercase/m,
      /^BLOB_CONNECTION_STRING has an unknown setting Colour$/m,
      /^BLOB_CONNECTION_STRING has a part that is not Name=value$/m,
    ]) {
      assert.match(text, expected);
    }
    assert.ok(!text.includes(KEY.slice(0, 20)), text);
    const second = problems({
      STORAGE: 'blob',
      BLOB_CONNECTION_STRING: `AccountName=Contoso;AccountKey=${KEY}!;SharedAccessSignature=${SAS}`,
    });
    assert.deepEqual(second, [
      'BLOB_CONNECTION_STRING sets both AccountKey and SharedAccessSignature',
      'BLOB_CONNECTION_STRING needs DefaultEndpointsProtocol=https (or http)',
      'BLOB_CONNECTION_STRING needs AccountName: 3 to 24 lowercase letters and digits',
      'BLOB_CONNECTION_STRING has an AccountKey that is not base64',
      'BLOB_CONNECTION_STRING needs EndpointSuffix (e.g. core.windows.net) or BlobEndpoint',
    ]);
    assert.ok(!second.join('\n').includes('SECRETSIGNATURE'));
  });

  it('reports an unknown backend, a missing connection string, and strings the SDK would refuse', () => {
    assert.deepEqual(problems({ STORAGE: 's3' }), ['STORAGE must be one of sqlite, blob (got "s3")']);
    assert.match(problems({ STORAGE: 'blob' }).join(), /BLOB_CONNECTION_STRING is required with STORAGE=blob/);
    const refused = (cs: string): string => problems({ STORAGE: 'blob', BLOB_CONNECTION_STRING: cs }).join('\n');
    assert.match(refused('AccountName=contosobot'), /needs an AccountKey, a SharedAccessSignature/);
    assert.match(refused(`SharedAccessSignature=${SAS}`), /needs BlobEndpoint with SharedAccessSignature/);
    assert.match(refused('BlobEndpoint=ftp://x;SharedAccessSignature=sv=1&sig=a'), /BlobEndpoint that is not an http/);
    assert.match(refused('BlobEndpoint=https://a.blob.core.windows.net;SharedAccessSignature=sv=1'), /without sig=/);
    assert.match(refused('AccountName=a;UseDevelopmentStorage=true'), /must start with UseDevelopmentStorage=true/);
    assert.match(refused(`${PORTAL};AccountName=other`), /sets AccountName twice/);
  });

  it('ignores the blob settings when STORAGE is sqlite', () => {
    assert.equal(
      loadConfig({ BLOB_CONTAINER: 'Bad_Container', BLOB_CONNECTION_STRING: 'nonsense' }).storage.kind,
      'sqlite',
    );
  });

  it("follows Azure's container naming rules", () => {
    for (const good of ['abc', 'missingkbs-bot', 'a1-b2-c3', '123', 'a'.repeat(63)])
      assert.ok(isContainerName(good), good);
    for (const bad of [
      'ab',
      'a'.repeat(64),
      'Upper',
      'under_score',
      '-lead',
      'trail-',
      'dou--ble',
      '$root',
      'sp ace',
      'é-tag',
    ]) {
      assert.ok(!isContainerName(bad), bad);
    }
  });

  it('summarises the backend without the account key or the SAS', () => {
    assert.deepEqual(redactedSummary(loadConfig({})).storage, { kind: 'sqlite', dataDir: './data' });
    const portal = redactedSummary(loadConfig({ STORAGE: 'blob', BLOB_CONNECTION_STRING: PORTAL }));
    assert.deepEqual(portal.storage, {
      kind: 'blob',
      account: 'contosobot',
      blobEndpoint: 'https://contosobot.blob.core.windows.net',
      credential: 'account key (set)',
      container: 'missingkbs-bot',
    });
    assert.ok(!JSON.stringify(portal).includes(KEY.slice(0, 20)));
    const sas = storageSummary({
      kind: 'blob',
      connectionString: `BlobEndpoint=https://contosobot.blob.core.windows.net/;SharedAccessSignature=${SAS}`,
      container: 'alerts',
    });
    assert.equal(sas.credential, 'SAS (set)');
    assert.equal(sas.account, 'contosobot');
    assert.ok(!JSON.stringify(sas).includes('SECRETSIGNATURE'));
    const dev = storageSummary({ kind: 'blob', connectionString: 'UseDevelopmentStorage=true', container: 'alerts' });
    assert.equal(dev.credential, 'development storage');
  });
});
