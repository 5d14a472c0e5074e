// Watch commands in production mode, real server: only users of an allowed tenant change watches; a
// watch needs the asker signed in and their own Defender read of the id; the per-user cap holds.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { ConversationStore } from '../../src/conversations/store';
import { WatchStore } from '../../src/watches/store';
import { createLogger } from '../../src/log';
import { MemoryStore } from '../../src/storage/memory';
import { EDGE_KB } from '../support/defenderClient';
import { odata } from '../support/fakeDefender';
import type { EntraUser } from '../support/fakeEntra';
import { cardOf, cardText } from '../support/harness';
import { OTHER_TENANT_ID, startSecureBot, TENANT_ID, USERS, asUser, type SecureBot } from '../support/secureHarness';
import { oauthCardOf } from '../support/sso';
import { newTeam, teamEvent } from '../support/teamsEvents';

const EDGE = 'microsoft-_-edge';

describe('watch commands (production mode, real server)', () => {
  let bot: SecureBot;
  let storage: MemoryStore;
  let conversations: ConversationStore;
  let watches: WatchStore;

  before(async () => {
    storage = new MemoryStore();
    conversations = new ConversationStore(storage);
    watches = new WatchStore(storage, conversations, createLogger('silent'), { maxPerConversation: 50 });
    bot = await startSecureBot({ ALERT_MAX_WATCHES_PER_USER: '1' }, { storage });
    bot.defender.script(EDGE, { body: odata([EDGE_KB]) });
    bot.defender.script('google-_-chrome', { body: odata([]) });
  });
  after(() => bot.stop());
  beforeEach(() => {
    bot.connector.sent.splice(0);
    bot.defender.requests.splice(0);
  });

  const nestor = { oid: '4d4d4d4d-5e5e-4f6f-8a7a-6b6b6b6b6b6b', tid: TENANT_ID, name: 'Nestor Wilke' };
  const outsider = { oid: '3c3c3c3c-4d4d-4e4e-8f8f-5a5a5a5a5a5a', tid: OTHER_TENANT_ID, name: 'Eve Outsider' };

  /** Sends `text` from `user` in a new 1:1 chat, signs the user in when asked; gives the answer's text. */
  async function send(text: string, user: EntraUser): Promise<{ conversationId: string; answer: string }> {
    const message = bot.message(text, user);
    const conversationId = `a:${randomUUID()}`;
    message.conversation.id = conversationId;
    assert.equal((await bot.post(message)).status, 200);
    const [first] = await bot.connector.waitForMessages(1);
    const oauth = oauthCardOf(first.activity);
    if (oauth) {
      const exchange = bot.tokenExchange(oauth.tokenExchangeResource.id, bot.entra.ssoToken(user), user);
      assert.equal((await bot.post(exchange)).status, 200);
    }
    const messages = await bot.connector.waitForMessages(oauth ? 2 : 1);
    bot.connector.sent.splice(0);
    return { conversationId, answer: cardText(cardOf(messages[messages.length - 1].activity)) };
  }

  it('asks the asker to sign in, then watches once their own token read the id, recording who', async () => {
    const { conversationId, answer } = await send(`watch ${EDGE}`, USERS.megan);
    assert.ok(answer.includes(`Now watching ${EDGE}`), answer);
    const reads = bot.defender.requests.filter((r) => r.path.includes(EDGE));
    assert.deepEqual(
      reads.map((r) => [r.idtyp, r.oid]),
      [['user', USERS.megan.oid]],
      'one read, with the asker’s delegated token',
    );
    const [watch] = await watches.list(conversationId, TENANT_ID);
    assert.deepEqual(watch.addedBy, { aadObjectId: USERS.megan.oid, name: USERS.megan.name });
    assert.equal(watch.tenantId, TENANT_ID);
    assert.equal((await conversations.get(conversationId))?.tenantId, TENANT_ID);
  });

  it('refuses the watch of a user Defender forbids the id (403) and of an unknown id (404)', async () => {
    bot.defender.withoutRole(USERS.adele.oid);
    const forbidden = await send(`watch ${EDGE}`, USERS.adele);
    assert.ok(forbidden.answer.includes('Not allowed'), forbidden.answer);
    assert.deepEqual(await watches.list(forbidden.conversationId, TENANT_ID), []);
    const unknown = await send('watch contoso-_-unknown', nestor);
    assert.ok(unknown.answer.includes('Software not found'), unknown.answer);
    assert.deepEqual(await watches.list(unknown.conversationId, TENANT_ID), []);
  });

  it('refuses a watch beyond the asker’s own cap without reading Defender', async () => {
    const { conversationId, answer } = await send('watch google-_-chrome', USERS.megan);
    assert.ok(answer.includes('Your watch limit is reached'), answer);
    assert.deepEqual(bot.defender.requests, []);
    assert.deepEqual(await watches.list(conversationId, TENANT_ID), []);
  });

  it('refuses a user of another tenant and records nothing', async () => {
    const message = bot.message('watch google-_-chrome', outsider);
    message.conversation.id = `a:${randomUUID()}`;
    assert.equal((await bot.post(message)).status, 200);
    const [reply] = await bot.connector.waitForMessages(1);
    assert.ok(cardText(cardOf(reply.activity)).includes('Not available in your organisation'));
    assert.deepEqual(await watches.list(message.conversation.id, OTHER_TENANT_ID), []);
    assert.equal(await conversations.get(message.conversation.id), undefined);
    assert.ok(bot.logs.some((line) => line.includes('bot.tenant_refused')));
  });

  it('records installs in the allowed tenant only', async () => {
    const ours = newTeam();
    const theirs = newTeam();
    const install = (team: typeof ours, user: typeof outsider) =>
      asUser(teamEvent('installation-update-add', team, bot.connector.serviceUrl), user);
    assert.equal((await bot.post(install(ours, USERS.adele))).status, 200);
    assert.equal((await bot.post(install(theirs, outsider))).status, 200);
    assert.equal((await conversations.get(ours.channelId))?.active, true);
    assert.equal(await conversations.get(theirs.channelId), undefined);
  });
});
