/** Sign-in against the clock: metadata fetched at start, and a token exchange that outlasts its budget. */
import assert from 'node:assert/strict';
import { cardOf, cardText } from '../../support/harness';
import { waitFor } from '../../support/http';
import { startSecureBot, TENANT_ID, USERS, type SecureBot } from '../../support/secureHarness';
import { askAndExchange } from '../../support/sso';

describe('sign-in timing (real server, auth on)', () => {
  let bot: SecureBot | undefined;
  afterEach(() => bot?.stop());

  it('fetches the tenant’s OpenID metadata at start, before anyone signs in', async () => {
    bot = await startSecureBot();
    const started = bot;
    const metadata = `/${TENANT_ID}/v2.0/.well-known/openid-configuration`;
    await waitFor(() => (started.entra.requests.some((r) => r.path === metadata) ? true : undefined), 5000, 'metadata');
    assert.equal(started.entra.tokenRequests.filter((r) => r.requestedTokenUse === 'on_behalf_of').length, 0);
  });

  it('answers 412 with a clear card when the exchange outlasts its budget (Teams waits about 15 s)', async () => {
    bot = await startSecureBot({}, { exchangeBudgetMs: 1 });
    assert.equal(await askAndExchange(bot, bot.entra.ssoToken(USERS.megan)), 412);
    const [, reply] = await bot.connector.waitForMessages(2);
    assert.ok(cardText(cardOf(reply.activity)).includes('did not answer in time'), cardText(cardOf(reply.activity)));
  });
});
