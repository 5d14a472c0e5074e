/** The fake Entra ID, driven by the real msal-node as the bot's auth module drives it: metadata discovery, client credentials (secret and certificate), On-Behalf-Of with SSO tokens as Teams obtains them, the authorization code flow with PKCE, and the documented error responses. */
import assert from 'node:assert/strict';
import { createPublicKey, randomUUID } from 'node:crypto';
import {
  ClientAuthError,
  ConfidentialClientApplication,
  CryptoProvider,
  InteractionRequiredAuthError,
  ServerError,
  type NodeAuthOptions,
} from '@azure/msal-node';
import { FakeEntra, type EntraUser } from '../support/fakeEntra';
import { decodeJwt, nowSeconds, verifyJwt } from '../support/jwt';
import { appCertificate, httpsGet } from '../support/tls';

const TENANT = '3f9c1a52-7d4e-4b8a-9c61-2e5f8a0b7d13';
const APP_ID = 'b7e2c4d1-95a3-4f60-8e2b-1c7d9a3f5e08';
const SECRET = 'fake~client~secret~value';
const SSO_RESOURCE = `api://botid-${APP_ID}`;
const DEFENDER = 'https://api.securitycenter.microsoft.com';
const SOFTWARE_READ = `${DEFENDER}/Software.Read`;
const SCOPES = [SOFTWARE_READ];
const REDIRECT_URI = 'https://localhost:3978/auth/callback';

/** The client credential part of msal-node's auth options. */
type Credential = Pick<NodeAuthOptions, 'clientSecret' | 'clientCertificate'>;

let fake: FakeEntra;

/** An MSAL client of the app (empty cache) on the fake's `tenant`, trusting its certificate unless told not to. */
function client(credential: Credential = { clientSecret: SECRET }, clientId = APP_ID, tenant = TENANT, trusted = true) {
  return new ConfidentialClientApplication({
    auth: { clientId, authority: `${fake.url}/${tenant}`, knownAuthorities: [new URL(fake.url).host], ...credential },
    system: { customAgentOptions: { ca: trusted ? fake.ca : undefined } },
  });
}

/** What `promise` rejects with; fails when it resolves. */
function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => assert.fail('expected a rejection'),
    (e: unknown) => e,
  );
}

/** A new user of the tenant. */
function newUser(name = 'Alex Analyst'): EntraUser {
  const oid = randomUUID();
  return { oid, tid: TENANT, name, preferredUsername: `${oid.slice(0, 8)}@contoso.example` };
}

/** GETs a path on the fake (or a URL) trusting its certificate, without following redirects; parses the JSON body. */
async function get(pathOrUrl: string): Promise<{ status: number; location?: string; json: any }> {
  const { status, location, body } = await httpsGet(new URL(pathOrUrl, fake.url).href, fake.ca);
  return { status, location, json: body ? JSON.parse(body) : undefined };
}

/** Follows getAuthCodeUrl's /authorize redirect; returns its query and the PKCE verifier. */
async function signIn(msal: ConfidentialClientApplication): Promise<{ query: URLSearchParams; verifier: string }> {
  const { verifier, challenge } = await new CryptoProvider().generatePkceCodes();
  const authorizeUrl = await msal.getAuthCodeUrl({
    scopes: SCOPES,
    redirectUri: REDIRECT_URI,
    codeChallenge: challenge,
    codeChallengeMethod: 'S256',
    state: 'state-1',
    nonce: 'nonce-1',
  });
  const res = await get(authorizeUrl);
  assert.equal(res.status, 302);
  const location = new URL(res.location!);
  assert.equal(`${location.origin}${location.pathname}`, REDIRECT_URI);
  return { query: location.searchParams, verifier };
}

describe('fake Entra ID, as msal-node sees it', () => {
  before(async () => {
    const app = {
      clientId: APP_ID,
      clientSecret: SECRET,
      certificatePem: appCertificate().certPem,
      ssoResource: SSO_RESOURCE,
    };
    fake = await FakeEntra.start({ tenantId: TENANT, app });
  });
  after(() => fake.close());

  // First: no one has signed in yet.
  it('redirects with error=login_required and the state', async () => {
    const authorizeUrl = await client().getAuthCodeUrl({ scopes: SCOPES, redirectUri: REDIRECT_URI, state: 's' });
    const res = await get(authorizeUrl);
    const query = new URL(res.location!).searchParams;
    assert.deepEqual([query.get('error'), query.get('state')], ['login_required', 's']);
    assert.match(query.get('error_description')!, /^AADSTS50058:/);
  });

  it('serves the documented v2.0 and v1.0 discovery documents and signing keys, every endpoint on its host', async () => {
    const v2 = await get(`/${TENANT}/v2.0/.well-known/openid-configuration`);
    assert.equal(v2.status, 200);
    assert.equal(v2.json.issuer, `${fake.url}/${TENANT}/v2.0`);
    assert.equal(v2.json.token_endpoint, `${fake.url}/${TENANT}/oauth2/v2.0/token`);
    assert.equal(v2.json.authorization_endpoint, `${fake.url}/${TENANT}/oauth2/v2.0/authorize`);
    assert.equal(v2.json.cloud_instance_name, 'microsoftonline.com');
    const v1 = await get(`/${TENANT}/.well-known/openid-configuration`);
    assert.equal(v1.json.issuer, `${fake.url}/${TENANT}/`);
    const keys = await get(new URL(v2.json.jwks_uri).pathname);
    const [key] = keys.json.keys;
    assert.deepEqual(
      [key.kty, key.use, key.kid === key.x5t, typeof key.n, key.e],
      ['RSA', 'sig', true, 'string', 'AQAB'],
    );
    const token = fake.ssoToken({ oid: 'u-0', tid: TENANT });
    assert.equal(decodeJwt(token)!.header.kid, key.kid);
    assert.ok(verifyJwt(token, createPublicKey({ key, format: 'jwk' })));
  });

  it('answers an unknown tenant with AADSTS90002 in the documented error body', async () => {
    const res = await get('/contoso.example/v2.0/.well-known/openid-configuration');
    assert.equal(res.status, 400);
    assert.equal(res.json.error, 'invalid_tenant');
    assert.deepEqual(res.json.error_codes, [90002]);
    assert.match(
      res.json.error_description,
      /^AADSTS90002: .*\r\nTrace ID: \S+\r\nCorrelation ID: \S+\r\nTimestamp: \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/s,
    );
    for (const field of ['timestamp', 'trace_id', 'correlation_id', 'error_uri']) assert.ok(res.json[field], field);
  });

  it('makes MSAL fail with endpoints_resolution_error for a wrong tenant, and for a certificate it does not trust', async () => {
    for (const msal of [client(undefined, undefined, 'contoso.example'), client(undefined, undefined, TENANT, false)]) {
      const error = await rejection(msal.acquireTokenByClientCredential({ scopes: [`${DEFENDER}/.default`] }));
      assert.ok(error instanceof ClientAuthError);
      assert.equal(error.errorCode, 'endpoints_resolution_error');
    }
  });

  it('issues app-only tokens for {resource}/.default with a secret: roles, idtyp app, appid', async () => {
    const result = await client().acquireTokenByClientCredential({ scopes: [`${DEFENDER}/.default`] });
    const claims = fake.verifyAccessToken(result!.accessToken)!;
    assert.equal(claims.aud, DEFENDER);
    assert.deepEqual(claims.roles, ['Software.Read.All']);
    assert.deepEqual([claims.idtyp, claims.appid, claims.appidacr, claims.tid], ['app', APP_ID, '1', TENANT]);
    assert.equal(claims.iss, `${fake.url}/${TENANT}/`);
  });

  const defaultScope = `${DEFENDER}/.default`;
  const credentialRefusals: [string, Credential | undefined, string | undefined, string, string, number, number][] = [
    ['a wrong secret', { clientSecret: 'wrong' }, undefined, defaultScope, 'invalid_client', 7000215, 401],
    ['an unknown client id', undefined, 'not-the-app', defaultScope, 'unauthorized_client', 700016, 400],
    ['a scope without /.default', undefined, undefined, SOFTWARE_READ, 'invalid_scope', 1002012, 400],
    ['an unknown resource', undefined, undefined, 'https://unknown.example/.default', 'invalid_resource', 500011, 400],
  ];
  for (const [what, credential, clientId, scope, code, number, status] of credentialRefusals) {
    it(`refuses ${what} (${code}, AADSTS${number})`, async () => {
      const app = client(credential, clientId);
      const error = await rejection(app.acquireTokenByClientCredential({ scopes: [scope] }));
      assert.ok(error instanceof ServerError);
      assert.deepEqual([error.errorCode, String(error.errorNo)], [code, String(number)]); // a number at run time
      assert.match(error.errorMessage, new RegExp(`AADSTS${number}:`));
      const { status: recorded, error: recordedError } = fake.tokenRequests.at(-1)!;
      assert.deepEqual([recorded, recordedError], [status, code]);
    });
  }

  /** The error acquireTokenOnBehalfOf fails with. */
  function oboError(assertion: string, scopes = [SOFTWARE_READ]): Promise<unknown> {
    return rejection(client().acquireTokenOnBehalfOf({ oboAssertion: assertion, scopes }));
  }

  it('exchanges an SSO token for a delegated Defender token', async () => {
    const user = newUser('Alex Analyst');
    const result = await client().acquireTokenOnBehalfOf({
      oboAssertion: fake.ssoToken(user),
      scopes: [SOFTWARE_READ],
    });
    const claims = fake.verifyAccessToken(result!.accessToken)!;
    assert.deepEqual(
      [claims.aud, claims.scp, claims.oid, claims.tid, claims.name],
      [DEFENDER, 'Software.Read', user.oid, TENANT, user.name],
    );
    assert.deepEqual([claims.appid, claims.idtyp, claims.ver], [APP_ID, 'user', '1.0']);
    assert.equal(result!.account?.homeAccountId, `${user.oid}.${TENANT}`);
    const record = fake.tokenRequests.at(-1)!;
    assert.deepEqual([record.requestedTokenUse, record.userOid, record.status], ['on_behalf_of', user.oid, 200]);
  });

  it('takes v2.0 SSO tokens (aud = client id) and certificate client authentication', async () => {
    const { privateKeyPem, thumbprintSha256 } = appCertificate();
    const msal = client({ clientCertificate: { thumbprintSha256, privateKey: privateKeyPem } });
    const sso = fake.ssoToken(newUser(), { ver: '2.0' });
    const result = await msal.acquireTokenOnBehalfOf({ oboAssertion: sso, scopes: [`${DEFENDER}/.default`] });
    const claims = fake.verifyAccessToken(result!.accessToken)!;
    assert.deepEqual([claims.scp, claims.appidacr], ['Software.Read', '2']);
    assert.equal(fake.tokenRequests.at(-1)!.clientAuth, 'assertion');
  });

  it('fails with consent_required (AADSTS65001) until the user consents, which MSAL throws as InteractionRequiredAuthError', async () => {
    const user = newUser();
    fake.requireConsent(user.oid);
    const error = await oboError(fake.ssoToken(user));
    assert.ok(error instanceof InteractionRequiredAuthError);
    assert.deepEqual([error.errorCode, error.subError], ['invalid_grant', 'consent_required']);
    assert.match(error.errorMessage, /AADSTS65001:/);
    assert.ok(await oboError(fake.ssoToken(user)), 'still missing');
    fake.signInAs(user);
    await client().acquireTokenOnBehalfOf({ oboAssertion: fake.ssoToken(user), scopes: [SOFTWARE_READ] });
  });

  it('refuses the SSO tokens of a revoked user with AADSTS50013 (a ServerError); a new SSO token works', async () => {
    const user = newUser();
    const old = fake.ssoToken(user);
    fake.revoke(user.oid);
    const error = await oboError(old);
    assert.ok(error instanceof ServerError && !(error instanceof InteractionRequiredAuthError));
    assert.equal(error.errorCode, 'invalid_grant');
    assert.match(error.errorMessage, /AADSTS50013:/);
    await client().acquireTokenOnBehalfOf({ oboAssertion: fake.ssoToken(user), scopes: [SOFTWARE_READ] });
  });

  const badAssertions = [
    { what: 'for another audience', options: { aud: 'api://botid-someone-else' }, code: 50013 },
    { what: 'signed with a key not in the JWKS', options: { foreignKey: true }, code: 50013 },
    { what: 'of another tenant', options: { tid: 'another-tenant' }, code: 50013 },
    { what: 'from an unknown issuer', options: { iss: 'https://sts.example/evil/' }, code: 50013 },
    { what: 'that has expired', options: { exp: nowSeconds() - 60, nbf: nowSeconds() - 3660 }, code: 500133 },
  ];
  for (const bad of badAssertions) {
    it(`refuses an assertion ${bad.what} (invalid_grant, AADSTS${bad.code})`, async () => {
      const error = await oboError(fake.ssoToken(newUser(), bad.options));
      assert.ok(error instanceof ServerError);
      assert.equal(error.errorCode, 'invalid_grant');
      assert.match(error.errorMessage, new RegExp(`AADSTS${bad.code}:`));
    });
  }

  it('refuses a scope the app has no delegated permission for (invalid_scope, AADSTS70011)', async () => {
    const error = await oboError(fake.ssoToken(newUser()), [`${DEFENDER}/Machine.Isolate`]);
    assert.ok(error instanceof ServerError);
    assert.deepEqual([error.errorCode, String(error.errorNo)], ['invalid_scope', '70011']);
  });

  it('signs the scripted user in and redeems the code for a delegated token, an ID token and client_info', async () => {
    const user = newUser('Sam Soc');
    fake.signInAs(user);
    const msal = client();
    const { query, verifier } = await signIn(msal);
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
  });

  const refusals: { what: string; code: number; twice?: boolean; verifier?: string | null; redirectUri?: string }[] = [
    { what: 'a code redeemed twice', code: 54005, twice: true },
    { what: 'a wrong PKCE verifier', code: 501481, verifier: 'x'.repeat(43) },
    { what: 'a missing PKCE verifier', code: 501481, verifier: null },
    { what: 'another redirect URI', code: 50011, redirectUri: 'https://localhost/other' },
  ];
  for (const refusal of refusals) {
    it(`refuses ${refusal.what} (invalid_grant, AADSTS${refusal.code})`, async () => {
      fake.signInAs(newUser());
      const msal = client();
      const { query, verifier } = await signIn(msal);
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
