// /missingkbs watch, unwatch and watching end to end over HTTP: channel, group chat, 1:1, two instances.
import { DEMO_SOFTWARE } from '../../src/defender/demo/data';
import assert from 'node:assert/strict';
import { ConversationStore } from '../../src/conversations/store';
import { MemoryStore } from '../../src/storage/memory';
import { ofType } from '../support/cards';
import { cardOf, cardText, startBot, type RunningBot } from '../support/harness';
import { channelMessage, chatMessage, newTeam } from '../support/teamsEvents';

describe('watch commands (demo tenant, real server)', () => {
  let bot: RunningBot;
  let storage: MemoryStore;

  before(async () => {
    storage = new MemoryStore();
    bot = await startBot({}, { storage });
  });
  after(() => bot.stop());
  beforeEach(() => bot.connector.sent.splice(0));

  /** Posts an activity and returns the text and card of the reply. */
  const ask = async (activity: Record<string, any>, on: RunningBot = bot) => {
    on.connector.sent.splice(0);
    assert.equal(await on.post(activity), 200);
    const [reply] = await on.connector.waitForMessages(1);
    const card = cardOf(reply.activity);
    assert.ok(card, 'the reply is a card');
    return { reply, card, text: cardText(card) };
  };

  it('in a channel: watch, the list with a button per watch, unwatch, each replied in the thread', async () => {
    const team = newTeam();
    const url = bot.connector.serviceUrl;
    const watch = channelMessage(team, url, 'watch microsoft-_-edge');
    const added = await ask(watch);
    assert.equal(added.reply.replyToId, watch.id);
    assert.ok(added.text.includes('Now watching microsoft-_-edge'), added.text);
    assert.ok(added.text.includes('Megan Bowen'));
    const record = await new ConversationStore(storage).get(team.channelId);
    assert.equal(record?.active, true, 'the channel is recorded for alerts');

    await ask(channelMessage(team, url, '/missingkbs watch google-_-chrome'));
    const listed = await ask(channelMessage(team, url, 'watching'));
    assert.ok(listed.text.includes('Software watched in this channel (2)'));
    assert.ok(listed.text.includes('Not checked yet'));
    assert.deepEqual(
      ofType(listed.card, 'Action.Submit').map((a) => (a.data as { command: string }).command),
      ['/missingkbs google-_-chrome', '/missingkbs microsoft-_-edge'],
    );

    const removed = await ask(channelMessage(team, url, '/missingkbs unwatch microsoft-_-edge'));
    assert.ok(removed.text.includes('Stopped watching microsoft-_-edge'));
    const after = await ask(channelMessage(team, url, '/missingkbs watching'));
    assert.ok(after.text.includes('(1)'));
    assert.ok(!after.text.includes('microsoft-_-edge'));
  });

  it('a list button runs /missingkbs <id> through Action.Submit', async () => {
    const message = chatMessage('personal-message', bot.connector.serviceUrl, '');
    delete message.text;
    message.value = { command: '/missingkbs microsoft-_-edge' };
    bot.connector.sent.splice(0);
    assert.equal(await bot.post(message), 200);
    const [reply] = await bot.connector.waitForMessages(1);
    assert.ok(cardText(cardOf(reply.activity)).includes('KB4540673'));
  });

  it('in a group chat, in French when the message is', async () => {
    const url = bot.connector.serviceUrl;
    const conversationId = `19:${Date.now()}watch@thread.v2`;
    const watch = chatMessage('group-chat-message-mention', url, '/missingkbs watch google-_-chrome', conversationId);
    watch.locale = 'fr-FR';
    const added = await ask(watch);
    assert.ok(added.text.includes('google-_-chrome est maintenant surveillé'), added.text);
    assert.ok(added.text.includes('cette conversation de groupe'));
    const again = await ask(chatMessage('group-chat-message-mention', url, 'watch google-_-chrome', conversationId));
    assert.ok(again.text.includes('Already watching google-_-chrome'));
    const record = await new ConversationStore(storage).get(conversationId);
    assert.equal(record?.kind, 'groupChat');
    assert.equal(record?.locale, 'en', 'the language of the last message');
  });

  it('in a 1:1 chat: watch, not watching, and the invalid-id card', async () => {
    const url = bot.connector.serviceUrl;
    const conversationId = `a:${Date.now()}-watch`;
    const added = await ask(chatMessage('personal-message', url, 'watch mozilla-_-firefox', conversationId));
    assert.ok(added.text.includes('Now watching mozilla-_-firefox'));
    assert.ok(added.text.includes('this chat'));
    const absent = await ask(chatMessage('personal-message', url, 'unwatch contoso-_-nothing', conversationId));
    assert.ok(absent.text.includes('Not watching contoso-_-nothing'));
    const invalid = await ask(chatMessage('personal-message', url, 'watch ../machines', conversationId));
    assert.ok(invalid.text.includes('not a valid software id'));
    const listed = await ask(chatMessage('personal-message', url, 'watching', conversationId));
    assert.ok(listed.text.includes('Software watched in this chat (1)'));
  });

  it('two bot instances on one store lose no watch sent to both at once', async () => {
    const second = await startBot({}, { storage });
    try {
      const team = newTeam();
      // Ids the demo tenant knows: a watch is confirmed by reading the id first.
      const ids = [...DEMO_SOFTWARE.keys()].slice(0, 6);
      const statuses = await Promise.all(
        ids.map((id, i) => {
          const target = i % 2 ? second : bot;
          return target.post(channelMessage(team, target.connector.serviceUrl, `watch ${id}`));
        }),
      );
      assert.deepEqual(
        statuses,
        ids.map(() => 200),
      );
      await bot.connector.waitForMessages(3);
      await second.connector.waitForMessages(3);
      const listed = await ask(channelMessage(team, bot.connector.serviceUrl, 'watching'));
      for (const id of ids) assert.ok(listed.text.includes(id), id);
    } finally {
      await second.stop();
    }
  });
});
