/**
 * The fake Entra ID, driven by the real msal-node: metadata discovery, client credentials (secret and
 * certificate), and the documented error responses. OBO and the authorization code flow: the
 * fakeEntra.*.test.ts files beside this one.
 */
import assert from 'node:assert/strict';
import { createPublicKey } from 'node:crypto';
import { ClientAuthError, ConfidentialClientApplication, ServerError } from '@azure/msal-node';
import { decodeJwt, verifyJwt } from '../support/jwt';
import { appCertificate } from '../support/tls';
import { APP_ID, DEFENDER, entraFixture, httpsGet, rejection, SECRET, TENANT } from './entraFixture';

describe('fake Entra ID: discovery and client credentials', () => {
  const fixture = entraFixture();

  it('serves the documented v2.0 and v1.0 discovery documents and signing keys, every endpoint on its host', async () => {
    const { fake } = fixture;
    const v2 = await httpsGet(fake, `/${TENANT}/v2.0/.well-known/openid-configuration`);
    assert.equal(v2.status, 200);
    assert.equal(v2.json.issuer, `${fake.url}/${TENANT}/v2.0`);
    assert.equal(v2.json.token_endpoint, `${fake.url}/${TENANT}/oauth2/v2.0/token`);
    assert.equal(v2.json.authorization_endpoint, `${fake.url}/${TENANT}/oauth2/v2.0/authorize`);
    assert.equal(v2.json.cloud_instance_name, 'microsoftonline.com');
    const v1 = await httpsGet(fake, `/${TENANT}/.well-known/openid-configuration`);
    assert.equal(v1.json.issuer, `${fake.url}/${TENANT}/`);
    const keys = await httpsGet(fake, new URL(v2.json.jwks_uri).pathname);
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
    const { fake } = fixture;
    const res = await httpsGet(fake, '/contoso.example/v2.0/.well-known/openid-configuration');
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
    const { fake } = fixture;
    const wrongTenant = new ConfidentialClientApplication({
      auth: {
        clientId: APP_ID,
        clientSecret: SECRET,
        authority: `${fake.url}/contoso.example`,
        knownAuthorities: [fake.host],
      },
      system: { customAgentOptions: { ca: fake.ca } },
    });
    const untrusted = new ConfidentialClientApplication({
      auth: {
        clientId: APP_ID,
        clientSecret: SECRET,
        authority: `${fake.url}/${TENANT}`,
        knownAuthorities: [fake.host],
      },
    });
    for (const msal of [wrongTenant, untrusted]) {
      const error = await rejection(msal.acquireTokenByClientCredential({ scopes: [`${DEFENDER}/.default`] }));
      assert.ok(error instanceof ClientAuthError);
      assert.equal(error.errorCode, 'endpoints_resolution_error');
    }
  });

  it('issues app-only tokens for {resource}/.default with a secret: roles, idtyp app, appid', async () => {
    const { fake } = fixture;
    const result = await fixture.msal().acquireTokenByClientCredential({ scopes: [`${DEFENDER}/.default`] });
    const claims = fake.verifyAccessToken(result!.accessToken)!;
    assert.equal(claims.aud, DEFENDER);
    assert.deepEqual(claims.roles, ['Software.Read.All']);
    assert.deepEqual([claims.idtyp, claims.appid, claims.appidacr, claims.tid], ['app', APP_ID, '1', TENANT]);
    assert.equal(claims.iss, `${fake.url}/${TENANT}/`);
    const bot = await fixture
      .msal()
      .acquireTokenByClientCredential({ scopes: ['https://api.botframework.com/.default'] });
    const botClaims = fake.verifyAccessToken(bot!.accessToken)!;
    assert.equal(botClaims.aud, 'https://api.botframework.com');
    assert.equal(botClaims.roles, undefined);
    assert.deepEqual(
      fake.tokenRequests.slice(-2).map((r) => [r.grantType, r.clientAuth, r.status]),
      [
        ['client_credentials', 'secret', 200],
        ['client_credentials', 'secret', 200],
      ],
    );
  });

  for (const thumbprint of ['thumbprintSha256', 'thumbprint'] as const) {
    it(`authenticates a certificate credential (${thumbprint === 'thumbprint' ? 'RS256, x5t' : 'PS256, x5t#S256'})`, async () => {
      const { privateKeyPem, thumbprintSha1, thumbprintSha256 } = appCertificate();
      const clientCertificate =
        thumbprint === 'thumbprint'
          ? { thumbprint: thumbprintSha1, privateKey: privateKeyPem }
          : { thumbprintSha256, privateKey: privateKeyPem };
      const app = fixture.msal({ clientCertificate });
      const result = await app.acquireTokenByClientCredential({ scopes: [`${DEFENDER}/.default`] });
      assert.equal(fixture.fake.verifyAccessToken(result!.accessToken)!.appidacr, '2');
      assert.equal(fixture.fake.tokenRequests.at(-1)!.clientAuth, 'assertion');
    });
  }

  const refusals = [
    {
      what: 'a wrong secret',
      auth: { clientSecret: 'wrong' },
      scope: `${DEFENDER}/.default`,
      error: 'invalid_client',
      code: 7000215,
      status: 401,
    },
    {
      what: 'an unknown client id',
      clientId: 'not-the-app',
      scope: `${DEFENDER}/.default`,
      error: 'unauthorized_client',
      code: 700016,
      status: 400,
    },
    {
      what: 'a scope without /.default',
      scope: `${DEFENDER}/Software.Read`,
      error: 'invalid_scope',
      code: 1002012,
      status: 400,
    },
    {
      what: 'an unknown resource',
      scope: 'https://unknown.example/.default',
      error: 'invalid_resource',
      code: 500011,
      status: 400,
    },
  ];
  for (const refusal of refusals) {
    it(`refuses ${refusal.what} (${refusal.error}, AADSTS${refusal.code})`, async () => {
      const app = fixture.msal(refusal.auth, refusal.clientId);
      const error = await rejection(app.acquireTokenByClientCredential({ scopes: [refusal.scope] }));
      assert.ok(error instanceof ServerError);
      assert.equal(error.errorCode, refusal.error);
      assert.equal(String(error.errorNo), String(refusal.code)); // a number at run time, typed string
      assert.match(error.errorMessage, new RegExp(`AADSTS${refusal.code}:`));
      assert.deepEqual(
        [fixture.fake.tokenRequests.at(-1)!.status, fixture.fake.tokenRequests.at(-1)!.error],
        [refusal.status, refusal.error],
      );
    });
  }
});
