/** Other tenants, beyond messages (channel.test.ts): their sign-in invokes and install events are refused too. */
import assert from 'node:assert/strict';
import { teamsActivity } from '../../support/harness';
import { asUser, OTHER_TENANT_ID, type SecureBot } from '../../support/secureHarness';
import { oboRequests, useSecureBot } from '../../support/sso';

const STRANGER = { oid: '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a', tid: OTHER_TENANT_ID, name: 'Stranger' };

describe('other tenants (real server, auth on)', () => {
  let bot: SecureBot;
  useSecureBot((started) => (bot = started));

  it('answers 403 to a token exchange from another tenant, with no On-Behalf-Of call', async () => {
    const invoke = bot.tokenExchange('any-id', bot.entra.ssoToken(STRANGER), STRANGER);
    assert.equal((await bot.post(invoke)).status, 403);
    assert.equal(oboRequests(bot).length, 0);
    assert.equal(bot.defender.requests.length, 0);
  });

  it('answers 403 to signin/verifyState and signin/failure from another tenant', async () => {
    for (const name of ['signin/verifyState', 'signin/failure']) {
      const invoke = bot.tokenExchange('any-id', 'x', STRANGER);
      invoke.name = name;
      invoke.value = { state: '123456', code: 'resourcematchfailed' };
      assert.equal((await bot.post(invoke)).status, 403, name);
    }
    assert.equal(bot.connector.sent.length, 0);
  });

  it('sends no welcome when installed in another tenant', async () => {
    const install = asUser(teamsActivity('installation-update-add', bot.connector.serviceUrl), STRANGER);
    assert.equal((await bot.post(install)).status, 200);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(bot.connector.sent.length, 0);
    assert.ok(bot.logs.some((line) => line.includes('bot.tenant_refused')));
  });
});
