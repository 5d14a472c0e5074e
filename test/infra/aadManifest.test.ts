// aad.manifest.json (the Entra app, applied by the Toolkit's aadApp/update) agrees with what the bot
// checks and sends: its SSO resource and scope, the Teams clients it accepts, its sign-in callback.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fromRoot } from '../../scripts/lib/paths';
import { ConsentFlow } from '../../src/auth/consent';
import { SSO_SCOPE, TEAMS_CLIENT_IDS } from '../../src/auth/ssoToken';
import { createLogger } from '../../src/log';
import { readProject } from '../support/toolkit';

const APP_ID = '00000000-0000-0000-0000-0000000000a1';
const BOT_DOMAIN = 'missingkbs-abc123.azurewebsites.net';
const SCOPE_ID = '${{AAD_APP_ACCESS_AS_USER_PERMISSION_ID}}';

/** The manifest with the Toolkit's placeholders for the app id and the domain filled in. */
function manifest(): any {
  const text = readFileSync(fromRoot('aad.manifest.json'), 'utf8')
    .replaceAll('${{AAD_APP_CLIENT_ID}}', APP_ID)
    .replaceAll('${{BOT_DOMAIN}}', BOT_DOMAIN);
  return JSON.parse(text);
}

describe('the Entra app manifest (aad.manifest.json)', () => {
  // The bot's SSO resource (test/config/auth.test.ts) and the Teams package's (test/manifest/appPackage.test.ts).
  it('exposes the Application ID URI the bot and the Teams package use: api://botid-{app id}', () => {
    const app = manifest();
    assert.deepEqual(app.identifierUris, [`api://botid-${APP_ID}`]);
    assert.equal(app.appId, APP_ID);
  });

  it('offers the delegated scope the bot requires, for users to consent to', () => {
    const { api } = manifest();
    assert.equal(api.requestedAccessTokenVersion, 2);
    assert.deepEqual(
      api.oauth2PermissionScopes.map((s: any) => [s.value, s.type, s.isEnabled, s.id]),
      [[SSO_SCOPE, 'User', true, SCOPE_ID]],
    );
  });

  it('pre-authorizes exactly the Teams clients the bot accepts SSO tokens from, for that scope', () => {
    const { api } = manifest();
    assert.deepEqual(api.preAuthorizedApplications.map((p: any) => p.appId).sort(), [...TEAMS_CLIENT_IDS].sort());
    for (const client of api.preAuthorizedApplications) assert.deepEqual(client.delegatedPermissionIds, [SCOPE_ID]);
  });

  it("registers the sign-in page's callback as the only redirect URI, with no implicit grant", () => {
    const app = manifest();
    const flow = new ConsentFlow(
      {} as never,
      {} as never,
      { publicBaseUrl: `https://${BOT_DOMAIN}`, scopes: [] },
      createLogger('silent'),
    );
    assert.deepEqual(app.web.redirectUris, [flow.redirectUri]);
    assert.deepEqual(app.web.implicitGrantSettings, { enableIdTokenIssuance: false, enableAccessTokenIssuance: false });
    assert.deepEqual([...app.spa.redirectUris, ...app.publicClient.redirectUris], []);
  });

  it('is single tenant, as the Toolkit creates it, under the name it creates it with', () => {
    const app = manifest();
    assert.equal(app.signInAudience, 'AzureADMyOrg');
    for (const file of ['m365agents.yml', 'm365agents.local.yml']) {
      const create = readProject(file).provision.find((a) => a.uses === 'aadApp/create');
      assert.equal(create?.with?.signInAudience, app.signInAudience, file);
      // aadApp/update renames the app to the manifest's displayName: the same name keeps it stable.
      assert.equal(create?.with?.name, app.displayName, file);
    }
  });

  it('lists no API permissions: the WindowsDefenderATP ones are granted by hand (README), and aadApp/update keeps them', () => {
    // Microsoft publishes no ids for WindowsDefenderATP's Software.Read / Software.Read.All that this project
    // could cite, and the Toolkit resolves permission names for Microsoft Graph and SharePoint only. A
    // requiredResourceAccess here, even empty, would replace the permissions an admin added on each provision.
    assert.equal('requiredResourceAccess' in manifest(), false);
  });
});
