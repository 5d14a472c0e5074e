// SsoTokenValidator.check against the fake Entra ID over HTTPS: what a Teams SSO token must be, per claims validation.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { SsoTokenValidator, TEAMS_CLIENT_IDS, type SsoCheck } from '../../src/auth/ssoToken';
import { createLogger } from '../../src/log';
import { FakeEntra, type SsoTokenOptions } from '../support/fakeEntra';
import { foreignKey } from '../support/fakeEntra/tenant';
import { decodeJwt, nowSeconds, signJwt } from '../support/jwt';
import { APP_ID, APP_SECRET, OTHER_TENANT_ID, TENANT_ID, USERS } from '../support/secureHarness';
import { httpsGet } from '../support/sso';

const SSO_RESOURCE = `api://botid-${APP_ID}`;
const TEAMS_WEB = '5e3ce6c0-2b1f-4285-8d4b-75ee78787346';
const NOT_TEAMS = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

const b64 = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('SsoTokenValidator (fake Entra ID over HTTPS)', () => {
  let entra: FakeEntra;
  let validator: SsoTokenValidator;

  before(async () => {
    entra = await FakeEntra.start({
      tenantId: TENANT_ID,
      app: { clientId: APP_ID, clientSecret: APP_SECRET, ssoResource: SSO_RESOURCE },
    });
    validator = make(entra.url);
  });
  after(() => entra.close());

  function make(authorityHost: string, timeoutMs?: number): SsoTokenValidator {
    return new SsoTokenValidator({
      authorityHost,
      appId: APP_ID,
      ssoResource: SSO_RESOURCE,
      allowedTenants: [TENANT_ID],
      ca: entra.ca,
      timeoutMs,
      logger: createLogger('silent'),
    });
  }

  const megan = (options?: SsoTokenOptions): string => entra.ssoToken(USERS.megan, options);
  const check = (token: string, user = USERS.megan): Promise<SsoCheck> =>
    validator.check(token, { tenantId: user.tid, userId: user.oid });

  /** Asserts a refusal and returns its detail. */
  async function refused(token: string, reason = 'invalid', user = USERS.megan): Promise<string> {
    const result = await check(token, user);
    assert.ok(!result.ok, 'the token is refused');
    assert.equal(result.reason, reason, result.detail);
    return result.detail;
  }

  it('lists the Teams clients: desktop and mobile, and web', () => {
    assert.deepEqual(TEAMS_CLIENT_IDS, ['1fec8e78-bce4-4aaf-ab1b-5451cc387264', TEAMS_WEB]);
  });

  // Options are made when the test runs: times computed at load would be stale in a long suite.
  const accepted: [string, () => SsoTokenOptions][] = [
    ['a v1.0 token (aud = Application ID URI, appid = Teams desktop)', () => ({})],
    ['a v2.0 token (aud = app id, azp = Teams desktop)', () => ({ ver: '2.0' })],
    ['a v1.0 token from Teams on the web', () => ({ appid: TEAMS_WEB })],
    ['a v2.0 token from Teams on the web', () => ({ ver: '2.0', appid: TEAMS_WEB })],
    ['a token with more scopes than access_as_user', () => ({ scp: 'openid access_as_user' })],
    ['a token expired within the clock tolerance', () => ({ exp: nowSeconds() - 30 })],
    ['a token valid from within the clock tolerance', () => ({ nbf: nowSeconds() + 30 })],
  ];
  for (const [what, options] of accepted) {
    it(`accepts ${what}`, async () => {
      const result = await check(megan(options()));
      assert.ok(result.ok, JSON.stringify(result));
      assert.equal(result.claims.userId, USERS.megan.oid);
      assert.equal(result.claims.tenantId, TENANT_ID);
      assert.ok(result.claims.expiresAt > nowSeconds() - 60);
    });
  }

  it('accepts a token without `ver` as a v1.0 token', async () => {
    const { payload } = decodeJwt(megan())!;
    delete payload.ver;
    assert.ok((await check(entra.sign(payload))).ok);
  });

  const invalid: [string, () => string, RegExp][] = [
    ['another scope than access_as_user', () => megan({ scp: 'User.Read' }), /^scope missing$/],
    ['no scp (a v1.0 ID token-like token)', () => megan({ scp: null }), /\(scp\)$/],
    ['no scp (a v2.0 ID token-like token)', () => megan({ ver: '2.0', scp: null }), /\(scp\)$/],
    ['a v1.0 token for a client that is not Teams', () => megan({ appid: NOT_TEAMS }), /^client not Teams$/],
    ['a v2.0 token for the bot itself as client', () => megan({ ver: '2.0', appid: APP_ID }), /^client not Teams$/],
    ['a v2.0 token whose aud is the Application ID URI', () => megan({ ver: '2.0', aud: SSO_RESOURCE }), /\(aud\)$/],
    ['a v1.0 token whose aud is the app id', () => megan({ aud: APP_ID }), /\(aud\)$/],
    ['a v2.0 token with the v1.0 issuer', () => megan({ ver: '2.0', iss: `${entra.url}/${TENANT_ID}/` }), /\(iss\)$/],
    ['another tenant’s issuer', () => megan({ tid: OTHER_TENANT_ID }), /\(iss\)$/],
    [
      'a tid other than its issuer’s tenant',
      () => megan({ tid: OTHER_TENANT_ID, iss: `${entra.url}/${TENANT_ID}/` }),
      /^tenant mismatch$/,
    ],
    ['another user’s token', () => entra.ssoToken(USERS.adele), /^user mismatch$/],
    ['a token not yet valid (nbf beyond the tolerance)', () => megan({ nbf: nowSeconds() + 600 }), /\(nbf\)$/],
    [
      'a token signed by a key the JWKS does not list (unknown kid)',
      () => megan({ foreignKey: true }),
      /NO_MATCHING_KEY/,
    ],
    ['an unsupported version', () => unsigned({ ver: '3.0' }), /^not a v1\.0 or v2\.0 JWT$/],
    ['alg "none"', () => unsigned(), /ALG_NOT_ALLOWED/],
    ['not a JWT', () => 'not-a-jwt', /^not a v1\.0 or v2\.0 JWT$/],
  ];
  for (const [what, token, detail] of invalid) {
    it(`refuses ${what}`, async () => {
      assert.match(await refused(token()), detail);
    });
  }

  /** A valid token's payload with `changes`, re-signed as the caller says. */
  function unsigned(changes: object = {}, alg = 'none', sign = (_input: string) => ''): string {
    const { header, payload } = decodeJwt(megan())!;
    const input = `${b64({ ...header, alg })}.${b64({ ...payload, ...changes })}`;
    return `${input}.${sign(input)}`;
  }

  it('refuses a token with a known kid but a signature by another key', async () => {
    const { header, payload } = decodeJwt(megan())!;
    const forged = signJwt(foreignKey(), payload, { kid: header.kid, x5t: header.x5t });
    assert.match(await refused(forged), /SIGNATURE_VERIFICATION_FAILED/);
  });

  it('refuses HS256 keyed with the published modulus', async () => {
    // The JWKS is public: an attacker may try its modulus as the HMAC secret.
    const jwks = JSON.parse((await httpsGet(`${entra.url}/${TENANT_ID}/discovery/v2.0/keys`, entra.ca)).body) as {
      keys: { n: string }[];
    };
    const hs256 = unsigned({}, 'HS256', (input) =>
      createHmac('sha256', jwks.keys[0].n).update(input).digest('base64url'),
    );
    assert.match(await refused(hs256), /ALG_NOT_ALLOWED/);
  });

  it('says "expired" for a token past its exp beyond the tolerance', async () => {
    const past = nowSeconds() - 3600;
    assert.equal(await refused(megan({ exp: past, nbf: past - 3600 }), 'expired'), 'token expired');
  });

  it('refuses a user of a tenant that is not allowed, without fetching its metadata', async () => {
    const before = entra.requests.length;
    const stranger = { ...USERS.megan, tid: OTHER_TENANT_ID };
    assert.equal(await refused(entra.ssoToken(stranger), 'invalid', stranger), 'tenant not allowed');
    assert.equal(entra.requests.length, before);
  });

  it('says "unavailable" when the OpenID metadata cannot be fetched', async () => {
    const result = await make('https://127.0.0.1:1', 2000).check(megan(), {
      tenantId: TENANT_ID,
      userId: USERS.megan.oid,
    });
    assert.ok(!result.ok);
    assert.equal(result.reason, 'unavailable');
  });
});
