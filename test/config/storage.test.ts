// src/config/storage.ts and blobConnectionString.ts through loadConfig: backends, connection strings as the SDK reads them, redaction.
import assert from 'node:assert/strict';
import { ContainerClient } from '@azure/storage-blob';
import { loadConfig, redactedSummary } from '../../src/config';
import { isContainerName, storageSummary } from '../../src/config/storage';
import { problems } from '../support/authConfig';

const KEY = 'c2VjcmV0LWFjY291bnQta2V5LTEyMzQ1Njc4OTAtU0VDUkVULUtFWQ==';
const SAS = 'sv=2024-11-04&ss=b&srt=co&sp=rwdlac&se=2030-01-01T00:00:00Z&sig=SECRETSIGNATURE%3D';
const PORTAL = `DefaultEndpointsProtocol=https;AccountName=contosobot;AccountKey=${KEY};EndpointSuffix=core.windows.net`;
const SAS_URL = `BlobEndpoint=https://contosobot.blob.core.windows.net/;SharedAccessSignature=${SAS}`;

/** The problems of STORAGE=blob with this connection string; none shows the key or the SAS. */
function refused(connectionString: string): string {
  const text = problems({ STORAGE: 'blob', BLOB_CONNECTION_STRING: connectionString }).join('\n');
  assert.ok(!text.includes(KEY.slice(0, 20)) && !text.includes('SECRETSIGNATURE'), text);
  return text;
}

describe('storage settings', () => {
  it('reads STORAGE in any case and DATA_DIR, and ignores the blob settings for SQLite', () => {
    const env = { STORAGE: 'SQLite', DATA_DIR: ' /var/data ', BLOB_CONTAINER: 'Bad_', BLOB_CONNECTION_STRING: 'x' };
    assert.deepEqual(loadConfig(env).storage, { kind: 'sqlite', dataDir: '/var/data' });
    assert.deepEqual(problems({ STORAGE: 's3' }), ['STORAGE must be one of sqlite, blob (got "s3")']);
  });

  it('reads the Azure portal connection string and the default container', () => {
    const expected = { kind: 'blob', connectionString: PORTAL, container: 'missingkbs-bot' };
    assert.deepEqual(loadConfig({ STORAGE: 'blob', BLOB_CONNECTION_STRING: PORTAL }).storage, expected);
    assert.match(problems({ STORAGE: 'blob' }).join(), /^BLOB_CONNECTION_STRING is required with STORAGE=blob/);
  });

  it('accepts development storage, a BlobEndpoint with an account key, and a SAS, as the SDK does', () => {
    for (const cs of [
      'UseDevelopmentStorage=true',
      'UseDevelopmentStorage=true;DevelopmentStorageProxyUri=http://127.0.0.1:8888',
      `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${KEY};BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;`,
      SAS_URL,
      `AccountName=contosobot;${SAS_URL}`,
    ]) {
      const storage = loadConfig({ STORAGE: 'blob', BLOB_CONNECTION_STRING: cs, BLOB_CONTAINER: 'alerts-01' }).storage;
      assert.equal(storage.kind, 'blob', cs);
      assert.doesNotThrow(() => new ContainerClient(cs, 'alerts-01'), cs);
    }
  });

  const bad: [string, RegExp][] = [
    ['AccountName=contosobot', /needs an AccountKey, a SharedAccessSignature, or UseDevelopmentStorage=true$/],
    [`SharedAccessSignature=${SAS}`, /needs BlobEndpoint with SharedAccessSignature$/],
    ['BlobEndpoint=ftp://x;SharedAccessSignature=sv=1&sig=a', /has a BlobEndpoint that is not an http\(s\) URL$/],
    ['BlobEndpoint=no url;SharedAccessSignature=sv=1&sig=a', /has a BlobEndpoint that is not an http\(s\) URL$/],
    ['BlobEndpoint=https://a.b.c;SharedAccessSignature=sv=1', /has a SharedAccessSignature without sig=$/],
    ['AccountName=a;UseDevelopmentStorage=true', /must start with UseDevelopmentStorage=true$/],
    [`${PORTAL};AccountName=other`, /sets AccountName twice$/],
    [`${PORTAL};Colour=blue;${KEY}`, /has an unknown setting Colour\n.*has a part that is not Name=value$/],
  ];
  for (const [cs, expected] of bad) {
    it(`refuses ${cs.slice(0, 40)}…: ${expected.source.slice(0, 30)}`, () => assert.match(refused(cs), expected));
  }

  it('lists every connection string problem together, with the others', () => {
    assert.deepEqual(
      problems({
        PORT: 'x',
        STORAGE: 'blob',
        BLOB_CONTAINER: 'Bad_Container',
        BLOB_CONNECTION_STRING: `AccountName=Contoso;AccountKey=${KEY}!;SharedAccessSignature=${SAS}`,
      }).map((p) => p.replace(/ \(got .*/, '')),
      [
        'PORT must be a whole number from 0 to 65535',
        'BLOB_CONTAINER must be 3 to 63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit',
        'BLOB_CONNECTION_STRING sets both AccountKey and SharedAccessSignature',
        'BLOB_CONNECTION_STRING needs DefaultEndpointsProtocol=https (or http)',
        'BLOB_CONNECTION_STRING needs AccountName: 3 to 24 lowercase letters and digits',
        'BLOB_CONNECTION_STRING has an AccountKey that is not base64',
        'BLOB_CONNECTION_STRING needs EndpointSuffix (e.g. core.windows.net) or BlobEndpoint',
      ],
    );
  });

  it("follows Azure's container naming rules", () => {
    for (const good of ['abc', 'missingkbs-bot', 'a1-b2-c3', '123', 'a'.repeat(63)])
      assert.ok(isContainerName(good), good);
    for (const no of ['ab', 'a'.repeat(64), 'Upper', 'under_score', '-lead', 'trail-', 'dou--ble', '$root', 'é-tag']) {
      assert.ok(!isContainerName(no), no);
    }
  });

  it('summarises the backend without the account key or the SAS', () => {
    const portal = redactedSummary(loadConfig({ STORAGE: 'blob', BLOB_CONNECTION_STRING: PORTAL }));
    assert.deepEqual(portal.storage, {
      kind: 'blob',
      account: 'contosobot',
      blobEndpoint: 'https://contosobot.blob.core.windows.net',
      credential: 'account key (set)',
      container: 'missingkbs-bot',
    });
    const sas = storageSummary({ kind: 'blob', connectionString: SAS_URL, container: 'alerts' });
    assert.deepEqual([sas.credential, sas.account], ['SAS (set)', 'contosobot']);
    const dev = storageSummary({ kind: 'blob', connectionString: 'UseDevelopmentStorage=true', container: 'alerts' });
    assert.equal(dev.credential, 'development storage');
    const broken = storageSummary({ kind: 'blob', connectionString: 'nonsense', container: 'alerts' });
    assert.deepEqual([broken.account, broken.blobEndpoint, broken.credential], [null, null, null]);
    assert.ok(![portal, sas].some((s) => /SECRETSIGNATURE|c2VjcmV0LWFj/.test(JSON.stringify(s))));
  });
});
