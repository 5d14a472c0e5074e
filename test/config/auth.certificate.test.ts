// Unit tests for src/authConfig.ts through loadConfig: certificate credentials from a PEM key file, and their problems.
import assert from 'node:assert/strict';
import path from 'node:path';
import { loadConfig, redactedSummary } from '../../src/config';
import { problems, prod, writeKeyFiles, type KeyFiles, type TestEnv } from '../support/authConfig';

const SHA256 = 'ab'.repeat(32);
const SHA1 = 'C0'.repeat(20);

describe('loadConfig in production with a certificate', () => {
  let keys: KeyFiles;
  before(() => {
    keys = writeKeyFiles();
  });
  after(() => keys.remove());

  /** A production environment with a certificate (key file and `thumbprint`) instead of the secret. */
  const cert = (thumbprint: string | undefined, extra: TestEnv = {}): TestEnv =>
    prod({
      MicrosoftAppPassword: undefined,
      MicrosoftAppCertificateThumbprint: thumbprint,
      MicrosoftAppCertificateKeyFile: keys.privateKeyFile,
      ...extra,
    });

  for (const [label, thumbprint, expected] of [
    ['SHA-256', SHA256, SHA256.toUpperCase()],
    ['SHA-1 with colons', SHA1.match(/../g)!.join(':'), SHA1],
    ['SHA-256 with spaces', SHA256.match(/.{8}/g)!.join(' '), SHA256.toUpperCase()],
  ]) {
    it(`reads the key and a ${label} thumbprint`, () => {
      const config = loadConfig(cert(thumbprint));
      assert.deepEqual(config.auth?.credential, {
        kind: 'certificate',
        thumbprint: expected,
        privateKeyPem: keys.privateKeyPem,
      });
    });
  }

  const cases: [string, () => TestEnv, RegExp][] = [
    ['a bad thumbprint', () => cert('abc123'), /^MicrosoftAppCertificateThumbprint must be/],
    ['no thumbprint', () => cert(undefined), /^MicrosoftAppCertificateThumbprint must be/],
    [
      'no key file',
      () => cert(SHA1, { MicrosoftAppCertificateKeyFile: undefined }),
      /^MicrosoftAppCertificateKeyFile is required/,
    ],
    [
      'a missing key file',
      () => cert(SHA1, { MicrosoftAppCertificateKeyFile: path.join(keys.dir, 'absent.pem') }),
      /^MicrosoftAppCertificateKeyFile cannot be read \(no such file\)/,
    ],
    [
      'an unreadable key file (a directory)',
      () => cert(SHA1, { MicrosoftAppCertificateKeyFile: keys.dir }),
      /^MicrosoftAppCertificateKeyFile cannot be read \(EISDIR\)/,
    ],
    [
      'a public key instead of a private key',
      () => cert(SHA1, { MicrosoftAppCertificateKeyFile: keys.publicKeyFile }),
      /^MicrosoftAppCertificateKeyFile is not a PEM private key/,
    ],
    [
      'a secret as well',
      () => cert(SHA1, { MicrosoftAppPassword: 'also-a-secret' }),
      /^Set either MicrosoftAppPassword or a certificate/,
    ],
  ];
  for (const [label, env, expected] of cases) {
    it(`reports ${label}`, () => {
      const found = problems(env());
      assert.equal(found.length, 1, found.join('\n'));
      assert.match(found[0], expected);
      assert.ok(!found[0].includes('PRIVATE KEY') && !found[0].includes('also-a-secret'));
    });
  }

  it('says that an unreadable key file cannot be read, not that it is no PEM key', () => {
    const [found] = problems(cert(SHA1, { MicrosoftAppCertificateKeyFile: keys.dir }));
    assert.doesNotMatch(found, /not a PEM private key/);
  });

  it('never shows the private key in problems or in redactedSummary, which names the certificate only', () => {
    const keyLine = keys.privateKeyPem.split('\n')[1];
    const summary = redactedSummary(loadConfig(cert(SHA1)));
    assert.equal(summary.credential, `certificate ${SHA1}`);
    const json = JSON.stringify(summary);
    assert.ok(!json.includes('PRIVATE KEY') && !json.includes(keyLine));
    const text = problems(cert('zz', { MicrosoftAppType: 'MultiTenant', BOT_DOMAIN: undefined })).join('\n');
    assert.ok(!text.includes('PRIVATE KEY') && !text.includes(keyLine));
  });
});
