/**
 * The fake Entra ID's On-Behalf-Of flow, driven by msal-node's acquireTokenOnBehalfOf with SSO tokens
 * as Teams obtains them: delegated tokens, MSAL's cache, missing consent, revoked and bad assertions.
 */
import assert from 'node:assert/strict';
import { InteractionRequiredAuthError, ServerError } from '@azure/msal-node';
import { nowSeconds } from '../support/jwt';
import { appCertificate } from '../support/tls';
import { APP_ID, DEFENDER, entraFixture, httpsGet, newUser, rejection, SSO_RESOURCE, TENANT } from './entraFixture';

const SOFTWARE_READ = `${DEFENDER}/Software.Read`;

describe('fake Entra ID: On-Behalf-Of', () => {
  const fixture = entraFixture();

  /** The error acquireTokenOnBehalfOf fails with. */
  function oboError(assertion: string, scopes = [SOFTWARE_READ]): Promise<unknown> {
    return rejection(fixture.msal().acquireTokenOnBehalfOf({ oboAssertion: assertion, scopes }));
  }

  it('makes SSO tokens as Teams obtains them: v1.0, aud = the App ID URI, issued to the Teams client', () => {
    const { fake } = fixture;
    const claims = fake.verifyAccessToken(fake.ssoToken(newUser()))!;
    assert.deepEqual(
      [claims.aud, claims.ver, claims.iss, claims.scp],
      [SSO_RESOURCE, '1.0', `${fake.url}/${TENANT}/`, 'access_as_user'],
    );
    assert.equal(claims.appid, '1fec8e78-bce4-4aaf-ab1b-5451cc387264');
    const v2 = fake.verifyAccessToken(fake.ssoToken(newUser(), { ver: '2.0' }))!;
    assert.deepEqual([v2.aud, v2.iss, typeof v2.azp], [APP_ID, `${fake.url}/${TENANT}/v2.0`, 'string']);
  });

  it('exchanges an SSO token for a delegated Defender token, then serves the same request from MSAL’s cache', async () => {
    const { fake } = fixture;
    const user = newUser('Alex Analyst');
    const sso = fake.ssoToken(user);
    const msal = fixture.msal();
    const result = await msal.acquireTokenOnBehalfOf({ oboAssertion: sso, scopes: [SOFTWARE_READ] });
    const claims = fake.verifyAccessToken(result!.accessToken)!;
    assert.deepEqual(
      [claims.aud, claims.scp, claims.oid, claims.tid, claims.name],
      [DEFENDER, 'Software.Read', user.oid, TENANT, user.name],
    );
    assert.deepEqual([claims.appid, claims.idtyp, claims.ver], [APP_ID, 'user', '1.0']);
    assert.equal(result!.account?.homeAccountId, `${user.oid}.${TENANT}`);
    const record = fake.tokenRequests.at(-1)!;
    assert.deepEqual([record.requestedTokenUse, record.userOid, record.status], ['on_behalf_of', user.oid, 200]);
    const count = fake.tokenRequests.length;
    const again = await msal.acquireTokenOnBehalfOf({ oboAssertion: sso, scopes: [SOFTWARE_READ] });
    assert.equal(again!.fromCache, true);
    assert.equal(fake.tokenRequests.length, count);
  });

  it('takes v2.0 SSO tokens (aud = client id) and certificate client authentication', async () => {
    const { privateKeyPem, thumbprintSha256 } = appCertificate();
    const msal = fixture.msal({ clientCertificate: { thumbprintSha256, privateKey: privateKeyPem } });
    const sso = fixture.fake.ssoToken(newUser(), { ver: '2.0' });
    const result = await msal.acquireTokenOnBehalfOf({ oboAssertion: sso, scopes: [`${DEFENDER}/.default`] });
    assert.equal(fixture.fake.verifyAccessToken(result!.accessToken)!.scp, 'Software.Read');
  });

  it('fails with consent_required (AADSTS65001) until the user consents, which MSAL throws as InteractionRequiredAuthError', async () => {
    const { fake } = fixture;
    const user = newUser();
    fake.requireConsent(user.oid);
    const error = await oboError(fake.ssoToken(user));
    assert.ok(error instanceof InteractionRequiredAuthError);
    assert.deepEqual([error.errorCode, error.subError], ['invalid_grant', 'consent_required']);
    assert.match(error.errorMessage, /AADSTS65001:/);
    assert.ok(await oboError(fake.ssoToken(user)), 'still missing');
    fake.signInAs(user);
    await fixture.msal().acquireTokenOnBehalfOf({ oboAssertion: fake.ssoToken(user), scopes: [SOFTWARE_READ] });
  });

  it('records admin consent for every user', async () => {
    const { fake } = fixture;
    const user = newUser();
    fake.requireConsent(user.oid);
    const url = `/${TENANT}/adminconsent?client_id=${APP_ID}&redirect_uri=https://localhost/consented&state=s1`;
    const res = await httpsGet(fake, url);
    assert.equal(res.status, 302);
    assert.equal(res.location, `https://localhost/consented?admin_consent=True&tenant=${TENANT}&state=s1`);
    await fixture.msal().acquireTokenOnBehalfOf({ oboAssertion: fake.ssoToken(user), scopes: [SOFTWARE_READ] });
  });

  it('refuses the SSO tokens of a revoked user with AADSTS50013 (a ServerError); a new SSO token works', async () => {
    const { fake } = fixture;
    const user = newUser();
    const old = fake.ssoToken(user);
    fake.revoke(user.oid);
    const error = await oboError(old);
    assert.ok(error instanceof ServerError && !(error instanceof InteractionRequiredAuthError));
    assert.equal(error.errorCode, 'invalid_grant');
    assert.match(error.errorMessage, /AADSTS50013:/);
    await fixture.msal().acquireTokenOnBehalfOf({ oboAssertion: fake.ssoToken(user), scopes: [SOFTWARE_READ] });
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
      const error = await oboError(fixture.fake.ssoToken(newUser(), bad.options));
      assert.ok(error instanceof ServerError);
      assert.equal(error.errorCode, 'invalid_grant');
      assert.match(error.errorMessage, new RegExp(`AADSTS${bad.code}:`));
    });
  }

  it('refuses a scope the app has no delegated permission for (invalid_scope, AADSTS70011)', async () => {
    const error = await oboError(fixture.fake.ssoToken(newUser()), [`${DEFENDER}/Machine.Isolate`]);
    assert.ok(error instanceof ServerError);
    assert.deepEqual([error.errorCode, String(error.errorNo)], ['invalid_scope', '70011']);
  });
});
