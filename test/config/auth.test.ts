// src/config/auth.ts through loadConfig (production mode): defaults, clouds, certificates, every problem, no secret shown.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import sinon from 'sinon';
import { loadConfig, redactedSummary } from '../../src/config';
import { isHostName } from '../../src/config/env';
import { APP_ID, problems, prod, SECRET, TENANT, writeKeyFiles } from '../support/authConfig';
import type { KeyFiles, TestEnv } from '../support/authConfig';

const SHA256 = 'ab'.repeat(32);
const SHA1 = 'C0'.repeat(20);

describe('loadConfig in production (sign-in settings)', () => {
  let keys: KeyFiles;
  before(() => (keys = writeKeyFiles()));
  after(() => keys.remove());
  afterEach(() => sinon.restore());

  /** A production environment with a certificate (key file and `thumbprint`) instead of the secret. */
  const cert = (thumbprint: string | undefined, extra: TestEnv = {}): TestEnv =>
    prod({
      MicrosoftAppPassword: undefined,
      MicrosoftAppCertificateThumbprint: thumbprint,
      MicrosoftAppCertificateKeyFile: keys.privateKeyFile,
      ...extra,
    });

  it('reads a secret configuration with its defaults', () => {
    const extra = ` ${TENANT.toLowerCase()}, 99999999-8888-7777-6666-55555555AAAA ,`;
    const config = loadConfig(prod({ ALLOWED_TENANTS: extra, MicrosoftAppType: 'singletenant' }));
    const { mode, host, bot, defender } = config;
    assert.deepEqual([mode, host, defender.baseUrl], ['production', '0.0.0.0', 'https://api.security.microsoft.com']);
    assert.deepEqual(bot, { appId: APP_ID, tenantId: TENANT.toLowerCase() });
    assert.deepEqual(config.auth, {
      appId: APP_ID,
      tenantId: TENANT.toLowerCase(),
      credential: { kind: 'secret', secret: SECRET },
      authorityHost: 'https://login.microsoftonline.com',
      defenderScope: 'https://api.securitycenter.microsoft.com/Software.Read',
      defenderAppScope: 'https://api.securitycenter.microsoft.com/.default',
      ssoResource: `api://botid-${APP_ID}`,
      ssoConnectionName: 'sso',
      publicBaseUrl: 'https://bot.contoso.com',
      allowedTenants: [TENANT.toLowerCase(), '99999999-8888-7777-6666-55555555aaaa'],
      tokenCacheMaxUsers: 5000,
    });
  });

  it('reads a sovereign cloud: authority host and the Defender resource of the scope', () => {
    const [login, gov] = ['https://login.microsoftonline.us', 'https://api-gov.securitycenter.microsoft.us'];
    const env = prod({ AZURE_AUTHORITY_HOST: `${login}/`, DEFENDER_API_SCOPE: `${gov}/Software.Read` });
    const auth = loadConfig(env).auth;
    const expected = [login, `${gov}/Software.Read`, `${gov}/.default`];
    assert.deepEqual([auth?.authorityHost, auth?.defenderScope, auth?.defenderAppScope], expected);
  });

  for (const [label, thumbprint, expected] of [
    ['SHA-256', SHA256, SHA256.toUpperCase()],
    ['SHA-1 with colons', SHA1.match(/../g)!.join(':'), SHA1],
    ['SHA-256 with spaces', SHA256.match(/.{8}/g)!.join(' '), SHA256.toUpperCase()],
  ]) {
    it(`reads a certificate: the key and a ${label} thumbprint`, () => {
      const credential = loadConfig(cert(thumbprint)).auth?.credential;
      assert.deepEqual(credential, { kind: 'certificate', thumbprint: expected, privateKeyPem: keys.privateKeyPem });
    });
  }

  it('lists every problem together, never with the dev token', () => {
    const env = {
      MicrosoftAppId: 'not-a-guid',
      MicrosoftAppTenantId: 'contoso.onmicrosoft.com',
      MicrosoftAppType: 'MultiTenant',
      MicrosoftAppPassword: SECRET,
      MicrosoftAppCertificateThumbprint: SHA1,
      AZURE_AUTHORITY_HOST: 'http://login.microsoftonline.com',
      DEFENDER_API_SCOPE: 'Software.Read',
      BOT_DOMAIN: 'https://bot.contoso.com/x',
      ALLOWED_TENANTS: `${TENANT},contoso.com`,
      DEFENDER_DEV_TOKEN: 'dev-token',
    };
    const found = problems(env);
    // One problem a key; the secret with a certificate is one too ("Set either MicrosoftAppPassword or a certificate").
    const named = found.map((p) => p.replace(/^Set either /, '').split(' ')[0]);
    const set = Object.keys(env).filter((key) => !key.includes('Certificate'));
    assert.deepEqual(named.sort(), set.sort());
    assert.ok(found.some((p) => /^ALLOWED_TENANTS .*\(bad: contoso\.com\)$/.test(p)));
    assert.ok(!found.join('\n').includes('dev-token'));
  });

  const KEY_FILE = 'MicrosoftAppCertificateKeyFile';
  const single: [() => TestEnv, RegExp][] = [
    [() => prod({ MicrosoftAppTenantId: undefined }), /^MicrosoftAppTenantId is required/],
    [() => prod({ MicrosoftAppPassword: undefined }), /^A credential is required/],
    [() => prod({ BOT_DOMAIN: undefined }), /^BOT_DOMAIN is required/],
    [() => prod({ BOT_DOMAIN: 'bot.contoso.com:8443' }), /^BOT_DOMAIN must .*, port or path/],
    [() => prod({ SSO_RESOURCE: 'https://x' }), /^SSO_RESOURCE must be the Application ID URI/],
    [() => prod({ DEFENDER_API_SCOPE: 'http://x.example/X' }), /^DEFENDER_API_SCOPE must be an https resource/],
    [() => prod({ DEFENDER_DEV_TOKEN: SECRET }), /^DEFENDER_DEV_TOKEN is for demo mode only/],
    [() => cert('abc123'), /^MicrosoftAppCertificateThumbprint must be/],
    [() => cert(undefined), /^MicrosoftAppCertificateThumbprint must be/],
    [() => cert(SHA1, { [KEY_FILE]: undefined }), /^MicrosoftAppCertificateKeyFile is required/],
    [() => cert(SHA1, { [KEY_FILE]: path.join(keys.dir, 'no.pem') }), /KeyFile cannot be read \(no such file\)/],
    [() => cert(SHA1, { [KEY_FILE]: keys.dir }), /KeyFile cannot be read \(EISDIR\)/],
    [() => cert(SHA1, { [KEY_FILE]: keys.publicKeyFile }), /KeyFile is not a PEM private key/],
    [() => cert(SHA1, { MicrosoftAppPassword: 'also-a-secret' }), /^Set either MicrosoftAppPassword or a certificate/],
  ];
  for (const [env, expected] of single) {
    it(`reports ${expected.source.replace(/[\\^]/g, '')}, and nothing else`, () => {
      const found = problems(env());
      assert.equal(found.length, 1, found.join('\n'));
      assert.match(found[0], expected);
      assert.ok(!['PRIVATE KEY', keys.privateKeyPem.split('\n')[1], 'also-a-secret'].some((s) => found[0].includes(s)));
    });
  }

  it('says a key file that fails to be read without an error code cannot be read', () => {
    sinon.stub(fs, 'readFileSync').throws(new Error('no code'));
    const expected = `MicrosoftAppCertificateKeyFile cannot be read (error): ${keys.privateKeyFile}`;
    assert.deepEqual(problems(cert(SHA1)), [expected]);
  });

  it('takes BOT_DOMAIN host names only (npm run package checks them the same way)', () => {
    const ok = ['bot.example.com', 'a-b.c.example.org', 'x1.io'];
    const bad = ['', 'a b.com', 'a.'.repeat(127) + 'com', ...'example -a.b.com a-.b.com a..b 1.2.3.4 *.a'.split(' ')];
    assert.deepEqual([...ok, ...bad].map(isHostName), [...ok.map(() => true), ...bad.map(() => false)]);
  });

  it('says in redactedSummary only which credential is set, never the secret or the private key', () => {
    const [secret, certificate] = [prod(), cert(SHA1)].map((env) => redactedSummary(loadConfig(env)));
    assert.deepEqual([secret.credential, certificate.credential], ['client secret (set)', `certificate ${SHA1}`]);
    const text = JSON.stringify([secret, certificate]);
    assert.ok(![SECRET, 'PRIVATE KEY', keys.privateKeyPem.split('\n')[1]].some((s) => text.includes(s)), text);
  });
});
