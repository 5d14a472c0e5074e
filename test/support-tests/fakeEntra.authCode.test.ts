/**
 * The fake Entra ID's authorization code flow with PKCE, driven by msal-node: getAuthCodeUrl, the
 * /authorize redirect a browser would follow, then acquireTokenByCode.
 */
import assert from 'node:assert/strict';
import { CryptoProvider, ServerError, type ConfidentialClientApplication } from '@azure/msal-node';
import {
  APP_ID,
  DEFENDER,
  entraFixture,
  httpsGet,
  newUser,
  rejection,
  TENANT,
  type EntraFixture,
} from './entraFixture';

const SCOPES = [`${DEFENDER}/Software.Read`];
const REDIRECT_URI = 'https://localhost:3978/auth/callback';

/** Follows getAuthCodeUrl's /authorize redirect; returns its query and the PKCE verifier. */
async function signIn(
  fixture: EntraFixture,
  msal: ConfidentialClientApplication,
): Promise<{ query: URLSearchParams; verifier: string }> {
  const { verifier, challenge } = await new CryptoProvider().generatePkceCodes();
  const authorizeUrl = await msal.getAuthCodeUrl({
    scopes: SCOPES,
    redirectUri: REDIRECT_URI,
    codeChallenge: challenge,
    codeChallengeMethod: 'S256',
    state: 'state-1',
    nonce: 'nonce-1',
  });
  const res = await httpsGet(fixture.fake, authorizeUrl);
  assert.equal(res.status, 302);
  const location = new URL(res.location!);
  assert.equal(`${location.origin}${location.pathname}`, REDIRECT_URI);
  return { query: location.searchParams, verifier };
}

describe('fake Entra ID: authorization code with PKCE', () => {
  const fixture = entraFixture();

  it('signs the scripted user in and redeems the code for a delegated token, an ID token and client_info', async () => {
    const { fake } = fixture;
    const user = newUser('Sam Soc');
    fake.signInAs(user);
    const msal = fixture.msal();
    const { query, verifier } = await signIn(fixture, msal);
    assert.equal(query.get('state'), 'state-1');
    const code = query.get('code')!;
    const result = await msal.acquireTokenByCode({
      code,
      scopes: SCOPES,
      redirectUri: REDIRECT_URI,
      codeVerifier: verifier,
    });
    const claims = fake.verifyAccessToken(result.accessToken)!;
    assert.deepEqual([claims.aud, claims.scp, claims.oid, claims.appid], [DEFENDER, 'Software.Read', user.oid, APP_ID]);
    assert.equal(result.account?.homeAccountId, `${user.oid}.${TENANT}`);
    assert.equal(result.account?.username, user.preferredUsername);
    const id = result.idTokenClaims as Record<string, unknown>;
    assert.deepEqual([id.aud, id.oid, id.nonce, id.iss], [APP_ID, user.oid, 'nonce-1', `${fake.url}/${TENANT}/v2.0`]);
    assert.deepEqual(
      [fake.tokenRequests.at(-1)!.grantType, fake.tokenRequests.at(-1)!.userOid],
      ['authorization_code', user.oid],
    );
    const silent = await msal.acquireTokenSilent({ account: result.account, scopes: SCOPES });
    assert.equal(silent.fromCache, true);
    const refreshed = await msal.acquireTokenSilent({ account: result.account, scopes: SCOPES, forceRefresh: true });
    assert.equal(refreshed.fromCache, false);
    assert.equal(fake.tokenRequests.at(-1)!.grantType, 'refresh_token');
    assert.equal(fake.verifyAccessToken(refreshed.accessToken)!.oid, user.oid);
  });

  const refusals: { what: string; code: number; twice?: boolean; verifier?: string | null; redirectUri?: string }[] = [
    { what: 'a code redeemed twice', code: 54005, twice: true },
    { what: 'a wrong PKCE verifier', code: 501481, verifier: 'x'.repeat(43) },
    { what: 'a missing PKCE verifier', code: 501481, verifier: null },
    { what: 'another redirect URI', code: 50011, redirectUri: 'https://localhost/other' },
  ];
  for (const refusal of refusals) {
    it(`refuses ${refusal.what} (invalid_grant, AADSTS${refusal.code})`, async () => {
      fixture.fake.signInAs(newUser());
      const msal = fixture.msal();
      const { query, verifier } = await signIn(fixture, msal);
      const codeVerifier = refusal.verifier === null ? undefined : (refusal.verifier ?? verifier);
      const redirectUri = refusal.redirectUri ?? REDIRECT_URI;
      const request = { code: query.get('code')!, scopes: SCOPES, redirectUri, codeVerifier };
      if (refusal.twice) await msal.acquireTokenByCode(request);
      const error = await rejection(msal.acquireTokenByCode(request));
      assert.ok(error instanceof ServerError);
      assert.deepEqual([error.errorCode, String(error.errorNo)], ['invalid_grant', String(refusal.code)]);
    });
  }
});

describe('fake Entra ID: /authorize with no one signed in', () => {
  const fixture = entraFixture();

  it('redirects with error=login_required and the state', async () => {
    const authorizeUrl = await fixture.msal().getAuthCodeUrl({ scopes: SCOPES, redirectUri: REDIRECT_URI, state: 's' });
    const res = await httpsGet(fixture.fake, authorizeUrl);
    const query = new URL(res.location!).searchParams;
    assert.deepEqual([query.get('error'), query.get('state')], ['login_required', 's']);
    assert.match(query.get('error_description')!, /^AADSTS50058:/);
  });
});
