// End to end with authentication on: names and top run on the user's behalf after Teams SSO.
import assert from 'node:assert/strict';
import { EDGE_KB } from '../support/defenderClient';
import { odata, softwareItem } from '../support/fakeDefender';
import { cardOf, cardText } from '../support/harness';
import { startSecureBot, USERS, type SecureBot } from '../support/secureHarness';
import { defenderTokens, waitForOAuthCard } from '../support/sso';

describe('names and top, signed in (real server, auth on)', () => {
  let bot: SecureBot;
  beforeEach(async () => {
    bot = await startSecureBot();
    bot.defender.script('microsoft-_-edge', { body: odata([EDGE_KB]) });
    bot.defender.software([
      softwareItem('microsoft-_-edge', { exposedMachines: 240 }),
      softwareItem('google-_-chrome', { exposedMachines: 298 }),
    ]);
  });
  afterEach(() => bot.stop());

  it('a name waits for sign-in, then resolves and answers with the user’s delegated token only', async () => {
    await bot.post(bot.message('/missingkbs edge'));
    const oauth = await waitForOAuthCard(bot);
    assert.equal(bot.defender.requests.length, 0, 'nothing is looked up before sign-in');
    const sso = bot.entra.ssoToken(USERS.megan);
    assert.equal((await bot.post(bot.tokenExchange(oauth.tokenExchangeResource.id, sso))).status, 200);
    const messages = await bot.connector.waitForMessages(2);
    const text = cardText(cardOf(messages[1].activity));
    assert.match(text, /“edge” is the software microsoft-_-edge in Defender\./);
    assert.match(text, /KB4540673/);
    assert.deepEqual(
      bot.defender.requests.map((r) => r.path),
      ['/api/Software', '/api/Software/microsoft-_-edge/getmissingkbs'],
    );
    for (const token of defenderTokens(bot)) assert.equal(bot.entra.verifyAccessToken(token)?.oid, USERS.megan.oid);
  });

  it('top runs with the signed-in user’s token once they have one', async () => {
    await bot.post(bot.message('/missingkbs top 2'));
    const oauth = await waitForOAuthCard(bot);
    await bot.post(bot.tokenExchange(oauth.tokenExchangeResource.id, bot.entra.ssoToken(USERS.megan)));
    const messages = await bot.connector.waitForMessages(2);
    assert.match(cardText(cardOf(messages[1].activity)), /The 2 software with the most exposed devices/);
  });
});
