// Watch commands in production mode: only users of an allowed tenant change watches or get recorded.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { ConversationStore } from '../../src/alerts/conversations';
import { WatchStore } from '../../src/alerts/watches';
import { createLogger } from '../../src/log';
import { MemoryStore } from '../../src/storage/memory';
import { cardOf, cardText } from '../support/harness';
import { OTHER_TENANT_ID, startSecureBot, TENANT_ID, USERS, asUser, type SecureBot } from '../support/secureHarness';
import { newTeam, teamEvent } from '../support/teamsEvents';

describe('watch commands (production mode, real server)', () => {
  let bot: SecureBot;
  let storage: MemoryStore;
  let conversations: ConversationStore;
  let watches: WatchStore;

  before(async () => {
    storage = new MemoryStore();
    conversations = new ConversationStore(storage);
    watches = new WatchStore(storage, conversations, createLogger('silent'), { maxPerConversation: 50 });
    bot = await startSecureBot({}, { storage });
  });
  after(() => bot.stop());
  beforeEach(() => bot.connector.sent.splice(0));

  const outsider = { oid: '3c3c3c3c-4d4d-4e4e-8f8f-5a5a5a5a5a5a', tid: OTHER_TENANT_ID, name: 'Eve Outsider' };

  it('lets a user of the allowed tenant watch, recording who', async () => {
    const message = bot.message('watch microsoft-_-edge', USERS.megan);
    message.conversation.id = `a:${randomUUID()}`;
    assert.equal((await bot.post(message)).status, 200);
    const [reply] = await bot.connector.waitForMessages(1);
    assert.ok(cardText(cardOf(reply.activity)).includes('Now watching microsoft-_-edge'));
    const [watch] = await watches.list(message.conversation.id);
    assert.deepEqual(watch.addedBy, { aadObjectId: USERS.megan.oid, name: USERS.megan.name });
    assert.equal((await conversations.get(message.conversation.id))?.tenantId, TENANT_ID);
  });

  it('refuses a user of another tenant and records nothing', async () => {
    const message = bot.message('watch google-_-chrome', outsider);
    message.conversation.id = `a:${randomUUID()}`;
    assert.equal((await bot.post(message)).status, 200);
    const [reply] = await bot.connector.waitForMessages(1);
    assert.ok(cardText(cardOf(reply.activity)).includes('Not available in your organisation'));
    assert.deepEqual(await watches.list(message.conversation.id), []);
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
