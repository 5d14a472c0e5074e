// MsalAuthCodeClient: the consent page's code flow with real msal-node against the fake Entra ID, and on a stub client.
import assert from 'node:assert/strict';
import type { AuthenticationResult, ConfidentialClientApplication } from '@azure/msal-node';
import sinon from 'sinon';
import { MsalAuthCodeClient } from '../../src/auth/authCode';
import { createConfidentialClient } from '../../src/auth/msalClient';
import { loadConfig } from '../../src/config';
import { isAppError, type ErrorCode } from '../../src/errors';
import { silentLogger } from '../../src/log';
import { FakeEntra } from '../support/fakeEntra';
import { APP_ID, APP_SECRET, TENANT_ID, USERS } from '../support/secureHarness';
import { httpsGet } from '../support/sso';

const REDIRECT_URI = 'https://bot.example.test/auth/callback';

describe('MsalAuthCodeClient (real msal-node, fake Entra ID over HTTPS)', () => {
  let entra: FakeEntra;

  before(async () => {
    entra = await FakeEntra.start({
      tenantId: TENANT_ID,
      app: { clientId: APP_ID, clientSecret: APP_SECRET, ssoResource: `api://botid-${APP_ID}` },
    });
    entra.signInAs(USERS.megan);
  });
  after(() => entra.close());

  function setup() {
    const config = loadConfig({
      MicrosoftAppId: APP_ID,
      MicrosoftAppTenantId: TENANT_ID,
      MicrosoftAppPassword: APP_SECRET,
      AZURE_AUTHORITY_HOST: entra.url,
      BOT_DOMAIN: 'bot.example.test',
    });
    const client = createConfidentialClient(config.auth!, silentLogger, { ca: entra.ca });
    return { client, codes: new MsalAuthCodeClient(client, entra.url), scopes: [config.auth!.defenderScope] };
  }

  /** Follows the authorize URL as the browser would, and returns the code the fake redirects with. */
  async function authorize(url: string, state: string): Promise<string> {
    const reply = await httpsGet(url, entra.ca);
    assert.equal(reply.status, 302, reply.body);
    const back = new URL(reply.location!);
    assert.equal(`${back.origin}${back.pathname}`, REDIRECT_URI);
    assert.equal(back.searchParams.get('state'), state);
    return back.searchParams.get('code')!;
  }

  // Which tenant's authority is asked: the stub client's tests below (here the given tenant is the configured one).
  it('signs in at the given tenant and leaves nothing of the user in MSAL', async () => {
    const tenantId = TENANT_ID;
    const { client, codes, scopes } = setup();
    const started = await codes.start({ state: 'state-1', redirectUri: REDIRECT_URI, scopes, tenantId });
    const url = new URL(started.url);
    assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
    assert.equal(url.searchParams.get('prompt'), null, 'Entra ID asks for consent by itself when it is missing');
    const code = await authorize(started.url, 'state-1');
    const redeemed = await codes.redeem({
      code,
      codeVerifier: started.codeVerifier,
      redirectUri: REDIRECT_URI,
      scopes,
      tenantId,
    });
    assert.deepEqual(redeemed.user, { userId: USERS.megan.oid, tenantId: TENANT_ID });
    assert.equal(entra.verifyAccessToken(redeemed.token.token)?.oid, USERS.megan.oid);
    assert.ok(redeemed.token.expiresOn > Date.now() + 30 * 60_000);
    assert.deepEqual(await client.getTokenCache().getAllAccounts(), []);
    const kept = JSON.stringify(client.getTokenCache().getKVStore());
    assert.ok(!kept.includes(USERS.megan.oid), 'MSAL keeps no account, ID, access or refresh token of the user');
    assert.ok(!kept.includes(redeemed.token.token));
  });

  it('gives an AppError, not MSAL’s, when the code is redeemed twice', async () => {
    const { codes, scopes } = setup();
    const started = await codes.start({ state: 'state-2', redirectUri: REDIRECT_URI, scopes });
    const code = await authorize(started.url, 'state-2');
    const options = { code, codeVerifier: started.codeVerifier, redirectUri: REDIRECT_URI, scopes };
    await codes.redeem(options);
    const err = await codes.redeem(options).catch((e: unknown) => e);
    assert.ok(isAppError(err), String(err));
    assert.match(String(err.details.upstreamCode), /^AADSTS/);
  });
});

describe('MsalAuthCodeClient (stub client)', () => {
  const result = { accessToken: 'at', account: null, idTokenClaims: { oid: 'o', tid: 't' } } as unknown;

  function stub(answer: () => Promise<unknown> = () => Promise.resolve(result)) {
    const client = {
      getAuthCodeUrl: sinon.stub().callsFake(() => answer().then(() => 'https://login.example/authorize')),
      acquireTokenByCode: sinon.stub().callsFake(() => answer() as Promise<AuthenticationResult>),
      getTokenCache: sinon.stub(),
    };
    return { client, cca: client as unknown as ConfidentialClientApplication };
  }
  const startOptions = { state: 's', redirectUri: REDIRECT_URI, scopes: ['x/.default'] };
  const redeemOptions = { code: 'c', codeVerifier: 'v', redirectUri: REDIRECT_URI, scopes: ['x/.default'] };

  it('asks the tenant’s authority when given a tenantId, and the configured one otherwise', async () => {
    const { client, cca } = stub();
    const codes = new MsalAuthCodeClient(cca, 'https://login.example');
    await codes.start({ ...startOptions, tenantId: 'contoso.onmicrosoft.com' });
    await codes.redeem({ ...redeemOptions, tenantId: 'contoso.onmicrosoft.com' });
    await codes.start(startOptions);
    await codes.redeem(redeemOptions);
    const authorities = [client.getAuthCodeUrl, client.acquireTokenByCode].flatMap((s) =>
      s.getCalls().map((c) => (c.args[0] as { authority?: string }).authority),
    );
    const contoso = 'https://login.example/contoso.onmicrosoft.com';
    assert.deepEqual(authorities, [contoso, undefined, contoso, undefined]);
    assert.equal(client.getTokenCache.callCount, 0, 'no account, nothing to remove');
  });

  // The timeout's message is withTimeout's (test/time/deadline.test.ts).
  it('says "config" for a tenantId without an authority host, "timeout" when Entra ID does not answer in time', async () => {
    const unconfigured = new MsalAuthCodeClient(stub().cca);
    const silent = new MsalAuthCodeClient(stub(() => new Promise(() => undefined)).cca, undefined, 50);
    const calls: [ErrorCode, () => Promise<unknown>][] = [
      ['config', () => unconfigured.start({ ...startOptions, tenantId: 't' })],
      ['config', () => unconfigured.redeem({ ...redeemOptions, tenantId: 't' })],
      ['timeout', () => silent.start(startOptions)],
      ['timeout', () => silent.redeem(redeemOptions)],
    ];
    for (const [code, call] of calls) {
      const err = await call().catch((e: unknown) => e);
      assert.ok(isAppError(err) && err.code === code, String(err));
    }
  });
});
