// /missingkbs watch, unwatch and watching end to end over HTTP in a channel. Chat kinds, languages and two
// instances on one store: test/watches (commands and store), test/bot/conversationEvents.test.ts.
import assert from 'node:assert/strict';
import { ConversationStore } from '../../src/conversations/store';
import { MemoryStore } from '../../src/storage/memory';
import { ofType } from '../support/cards';
import { cardOf, cardText, startBot, type RunningBot } from '../support/harness';
import { channelMessage, newTeam } from '../support/teamsEvents';

describe('watch commands (demo tenant, real server)', () => {
  let bot: RunningBot;
  let storage: MemoryStore;

  before(async () => {
    storage = new MemoryStore();
    bot = await startBot({}, { storage });
  });
  after(() => bot.stop());

  /** Posts an activity and returns the text and card of the reply. */
  const ask = async (activity: Record<string, any>) => {
    bot.connector.sent.splice(0);
    assert.equal(await bot.post(activity), 200);
    const [reply] = await bot.connector.waitForMessages(1);
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
});
