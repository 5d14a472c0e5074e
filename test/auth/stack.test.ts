/** The sign-in stack built from real configuration, against the fake Entra ID over HTTPS, with real msal-node. */
import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSignInStack } from '../../src/auth';
import { loadConfig } from '../../src/config';
import { isAppError } from '../../src/errors';
import { createLogger } from '../../src/log';
import { FakeEntra } from '../support/fakeEntra';
import { APP_ID, APP_SECRET, DEFENDER_RESOURCE, OTHER_TENANT_ID, TENANT_ID, USERS } from '../support/secureHarness';
import { appCertificate } from '../support/tls';

const UNCONSENTED = '22222222-3333-4444-8555-666666666666';

describe('sign-in stack (real msal-node, fake Entra ID over HTTPS)', () => {
  let entra: FakeEntra;
  const logs: string[] = [];

  before(async () => {
    const cert = appCertificate();
    entra = await FakeEntra.start({
      tenantId: TENANT_ID,
      app: {
        clientId: APP_ID,
        clientSecret: APP_SECRET,
        certificatePem: cert.certPem,
        ssoResource: `api://botid-${APP_ID}`,
      },
      otherTenants: [{ tenantId: OTHER_TENANT_ID }, { tenantId: UNCONSENTED, adminConsent: false }],
    });
  });
  after(() => entra.close());
  afterEach(() => logs.splice(0));

  function stack(credential: Record<string, string>) {
    const config = loadConfig({
      MicrosoftAppId: APP_ID,
      MicrosoftAppTenantId: TENANT_ID,
      AZURE_AUTHORITY_HOST: entra.url,
      BOT_DOMAIN: 'bot.example.test',
      ...credential,
    });
    const logger = createLogger('debug', (line) => logs.push(line));
    return { config, stack: createSignInStack(config.auth!, logger, { ca: entra.ca }) };
  }

  it('gets app-only Defender tokens (Software.Read.All) with the secret, each organisation its own; admin-consent-required where none was given', async () => {
    const { config, stack: s } = stack({ MicrosoftAppPassword: APP_SECRET, ALLOWED_TENANTS: OTHER_TENANT_ID });
    assert.equal(config.auth?.defenderAppScope, `${DEFENDER_RESOURCE}/.default`);
    const scopes = [config.auth.defenderAppScope];
    const token = await s.tokens.acquireForApp(scopes);
    const own = entra.verifyAccessToken(token.token);
    assert.equal(own?.aud, DEFENDER_RESOURCE);
    assert.deepEqual(own?.roles, ['Software.Read.All']);
    assert.equal(own?.tid, TENANT_ID);
    assert.ok(token.expiresOn > Date.now() + 30 * 60_000);
    assert.ok(!logs.join('\n').includes(token.token));
    const other = entra.verifyAccessToken((await s.tokens.acquireForApp(scopes, OTHER_TENANT_ID)).token);
    assert.equal(other?.tid, OTHER_TENANT_ID);
    assert.deepEqual(other?.roles, ['Software.Read.All']);
    await assert.rejects(s.tokens.acquireForApp(scopes, UNCONSENTED), (err) => {
      assert.ok(isAppError(err) && err.code === 'admin-consent-required');
      assert.equal(err.details.tenantId, UNCONSENTED);
      assert.equal(err.details.upstreamCode, 'AADSTS7000229');
      return true;
    });
  });

  for (const kind of ['thumbprintSha256', 'thumbprintSha1'] as const) {
    it(`authenticates with a certificate (${kind}) instead of a secret`, async () => {
      const cert = appCertificate();
      const dir = mkdtempSync(path.join(tmpdir(), 'missingkbs-'));
      const keyFile = path.join(dir, 'key.pem');
      writeFileSync(keyFile, cert.privateKeyPem, { mode: 0o600 });
      const { config, stack: s } = stack({
        MicrosoftAppCertificateThumbprint: cert[kind],
        MicrosoftAppCertificateKeyFile: keyFile,
      });
      const token = await s.tokens.acquireForApp([config.auth!.defenderAppScope]);
      assert.deepEqual(entra.verifyAccessToken(token.token)?.roles, ['Software.Read.All']);
      const last = entra.tokenRequests.at(-1);
      assert.equal(last?.clientAuth, 'assertion');
      assert.ok(!logs.join('\n').includes(cert.privateKeyPem.split('\n')[1]));
    });
  }

  it('says "config" with the AADSTS code when the secret is wrong, and logs no secret', async () => {
    const { config, stack: s } = stack({ MicrosoftAppPassword: 'wrong-secret-value' });
    const err = await s.tokens.acquireForApp([config.auth!.defenderAppScope]).catch((e: unknown) => e);
    assert.ok(isAppError(err), String(err));
    assert.equal(err.code, 'config');
    assert.match(String(err.details.upstreamCode), /^AADSTS/);
    assert.ok(!logs.join('\n').includes('wrong-secret-value'));
  });

  // The OBO token's claims and the log: test/bot/sso/sso.test.ts, through the bot on this stack.
  it('leaves nothing of the user in MSAL after an On-Behalf-Of exchange', async () => {
    const { config, stack: s } = stack({ MicrosoftAppPassword: APP_SECRET });
    await s.tokens.acquireOnBehalfOf(entra.ssoToken(USERS.megan), [config.auth!.defenderScope]);
    // The per-user cache is SignInService's (bounded); MSAL's own would keep every user forever.
    const kept = JSON.stringify(s.client.getTokenCache().getKVStore());
    assert.ok(!kept.includes(USERS.megan.oid), 'MSAL keeps no account or token of the user');
  });
});
