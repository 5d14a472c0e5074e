/** Sign-in against the clock: metadata fetched at start, and a token exchange that outlasts its budget. */
import assert from 'node:assert/strict';
import { cardOf, cardText } from '../../support/harness';
import { waitFor } from '../../support/http';
import { startSecureBot, TENANT_ID, USERS, type SecureBot } from '../../support/secureHarness';
import { waitForOAuthCard } from '../../support/sso';
import { EDGE_KB } from '../../support/defenderClient';
import { odata } from '../../support/fakeDefender';

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

  it('answers 412 when Entra ID outlasts the budget, says sign-in is slow, and runs the command once when it ends', async () => {
    bot = await startSecureBot({}, { exchangeBudgetMs: 300 });
    bot.defender.script('microsoft-_-edge', { body: odata([EDGE_KB]) });
    bot.entra.oboDelayMs = 1200;
    await bot.post(bot.message('/missingkbs microsoft-_-edge'));
    const oauth = await waitForOAuthCard(bot);
    const invoke = bot.tokenExchange(oauth.tokenExchangeResource.id, bot.entra.ssoToken(USERS.megan));
    assert.equal((await bot.post(invoke)).status, 412);
    const [, slow] = await bot.connector.waitForMessages(2);
    const slowText = cardText(cardOf(slow.activity));
    assert.ok(slowText.includes('Signing you in is taking longer than usual'), slowText);
    assert.ok(!slowText.includes('Defender'), slowText);
    const [, , answer] = await bot.connector.waitForMessages(3);
    assert.ok(cardText(cardOf(answer.activity)).includes('KB4540673'));
    // Teams tries again after the 412: the same exchange, which worked, and not a second command.
    assert.equal((await bot.post(invoke)).status, 200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(bot.connector.sent.length, 3, 'one answer, not two');
    assert.equal(bot.defender.requests.length, 1);
    assert.equal(bot.entra.tokenRequests.filter((r) => r.requestedTokenUse === 'on_behalf_of').length, 1);
  });
});
