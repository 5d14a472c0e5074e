/** Sign-in in channels and group chats, duplicates of failed exchanges, and flows lost to a restart. */
import assert from 'node:assert/strict';
import { ofType } from '../../support/cards';
import { cardOf, cardText } from '../../support/harness';
import { APP_ID, USERS, type SecureBot } from '../../support/secureHarness';
import { askAndExchangeFromClients, oauthCardOf, oboRequests, useSecureBot, waitForOAuthCard } from '../../support/sso';

describe('sign-in across conversations (real server, auth on)', () => {
  let bot: SecureBot;
  useSecureBot((started) => (bot = started));

  /** Signs Megan in through a 1:1 chat and waits for her first answer. */
  async function signInPersonally(): Promise<void> {
    await bot.post(bot.message('/missingkbs microsoft-_-edge'));
    const oauth = await waitForOAuthCard(bot);
    await bot.post(bot.tokenExchange(oauth.tokenExchangeResource.id, bot.entra.ssoToken(USERS.megan)));
    await bot.connector.waitForMessages(2);
    bot.connector.sent.splice(0);
  }

  it('in a channel, where Teams has no SSO, points to a 1:1 chat instead of sending an OAuthCard', async () => {
    await bot.post(bot.message('/missingkbs microsoft-_-edge', USERS.megan, 'channel-message-mention'));
    const [reply] = await bot.connector.waitForMessages(1);
    assert.equal(oauthCardOf(reply.activity), undefined);
    const card = cardOf(reply.activity);
    assert.ok(cardText(card).includes('Sign in once in a chat with me'));
    const [open] = ofType(card, 'Action.OpenUrl');
    assert.equal(open.url, `https://teams.microsoft.com/l/chat/0/0?users=28:${APP_ID}`);
    assert.equal(bot.defender.requests.length + oboRequests(bot).length, 0);
  });

  it('in a channel, answers a signed-in user and says whose Defender access the answer used', async () => {
    await signInPersonally();
    await bot.post(bot.message('/missingkbs microsoft-_-edge', USERS.megan, 'channel-message-mention'));
    const [reply] = await bot.connector.waitForMessages(1);
    assert.ok(cardText(cardOf(reply.activity)).includes('KB4540673'));
    assert.equal(reply.activity.text, "Looked up with Megan Bowen's Defender access.");
  });

  it('in a group chat, ignores another member’s client answering the asker’s card', async () => {
    await bot.post(bot.message('/missingkbs microsoft-_-edge', USERS.megan, 'group-chat-message-mention'));
    const oauth = await waitForOAuthCard(bot);
    const other = bot.tokenExchange(oauth.tokenExchangeResource.id, bot.entra.ssoToken(USERS.adele), USERS.adele);
    assert.equal((await bot.post(other)).status, 200);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(oboRequests(bot).length, 0);
    assert.equal(bot.connector.messages().length, 1, 'only the OAuthCard');
    const own = bot.tokenExchange(oauth.tokenExchangeResource.id, bot.entra.ssoToken(USERS.megan));
    assert.equal((await bot.post(own)).status, 200);
    const messages = await bot.connector.waitForMessages(2);
    assert.ok(cardText(cardOf(messages[1].activity)).includes('KB4540673'));
  });

  it('gives every duplicate of a failed exchange 412, so each client shows the sign-in button', async () => {
    bot.entra.requireConsent(USERS.megan.oid);
    const statuses = await askAndExchangeFromClients(bot, bot.entra.ssoToken(USERS.megan));
    assert.deepEqual(statuses, [412, 412, 412]);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(bot.connector.messages().length, 2, 'the OAuthCard and one consent card');
    assert.equal(oboRequests(bot).length, 1);
  });

  it('after a restart lost the flow, signs the user in and asks for the command again', async () => {
    const invoke = bot.tokenExchange('flow-from-before-a-restart', bot.entra.ssoToken(USERS.megan));
    assert.equal((await bot.post(invoke)).status, 200);
    const [reply] = await bot.connector.waitForMessages(1);
    assert.equal(reply.activity.text, 'You are signed in. Send your command again.');
    assert.equal(bot.defender.requests.length, 0);
  });
});
