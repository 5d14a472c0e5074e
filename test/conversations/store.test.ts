// ConversationStore on MemoryStore: records and merges. Team-wide changes, renames and reactivation from
// Teams' events are proven end to end in test/bot/conversationEvents.test.ts.
import assert from 'node:assert/strict';
import { conversationKeyOf } from '../../src/conversations/store';
import { alertStores, channelFacts, CHANNEL_ID, TEAM_ID } from '../support/alerts';

const OTHER_CHANNEL = '19:aaaabbbbccccddddeeeeffff00001111@thread.skype';

describe('ConversationStore', () => {
  it('stores a new conversation as active, in English unless told, with the time of the change', async () => {
    const { conversations } = alertStores();
    const record = await conversations.upsert(channelFacts({ name: 'SOC alerts', teamName: 'Security' }));
    const { active, locale, updatedAt, name, teamName } = record;
    assert.deepEqual(
      [active, locale, updatedAt, name, teamName],
      [true, 'en', '2026-03-10T09:00:00.000Z', 'SOC alerts', 'Security'],
    );
    assert.deepEqual(await conversations.get(CHANNEL_ID), record);
  });

  it('keys a channel thread by its channel', async () => {
    const { conversations } = alertStores();
    assert.equal(conversationKeyOf(`${CHANNEL_ID};messageid=1485983408511`), CHANNEL_ID);
    await conversations.upsert(channelFacts({ id: `${CHANNEL_ID};messageid=1485983408511` }));
    assert.ok(await conversations.get(CHANNEL_ID));
    assert.ok(await conversations.get(`${CHANNEL_ID};messageid=42`));
  });

  it('keeps what an event does not carry (names, language, an inactive state), and takes new ones', async () => {
    const { conversations } = alertStores();
    await conversations.upsert(channelFacts({ name: 'SOC alerts', teamName: 'Security', locale: 'fr' }));
    const refreshed = await conversations.upsert(
      channelFacts({ reference: { serviceUrl: 'https://smba.trafficmanager.net/emea/' } }),
    );
    const { name, teamName, locale, reference } = refreshed;
    assert.deepEqual(
      [name, teamName, locale, reference.serviceUrl],
      ['SOC alerts', 'Security', 'fr', 'https://smba.trafficmanager.net/emea/'],
    );
    const english = await conversations.upsert(channelFacts({ locale: 'en', name: 'SOC' }));
    assert.deepEqual([english.locale, english.name], ['en', 'SOC']);
    await conversations.markInactive(CHANNEL_ID, 'uninstalled');
    const kept = await conversations.upsert(channelFacts({ name: 'renamed' }));
    assert.deepEqual([kept.active, kept.inactiveReason, kept.name], [false, 'uninstalled', 'renamed']);
  });

  it('does not rewrite a record that did not change (a message a minute costs one read)', async () => {
    const { conversations, memory, clock } = alertStores();
    await conversations.upsert(channelFacts());
    const key = `conversation/${CHANNEL_ID}`;
    const before = (await memory.read([key]))[key].eTag;
    clock.advance(5);
    const same = await conversations.upsert(channelFacts());
    assert.equal((await memory.read([key]))[key].eTag, before);
    assert.equal(same.updatedAt, '2026-03-10T09:00:00.000Z');
  });

  it('ignores changes to unknown conversations', async () => {
    const { conversations } = alertStores();
    await conversations.markInactive('19:unknown@thread.skype', 'bot-removed');
    await conversations.rename('19:unknown@thread.skype', 'x');
    await conversations.reactivate('19:unknown@thread.skype');
    assert.equal(await conversations.get('19:unknown@thread.skype'), undefined);
    assert.deepEqual(await conversations.teamConversations('19:unknown-team'), ['19:unknown-team']);
  });

  it('reads several records at once', async () => {
    const { conversations } = alertStores();
    await conversations.upsert(channelFacts());
    await conversations.upsert(channelFacts({ id: OTHER_CHANNEL }));
    const found = await conversations.getMany([CHANNEL_ID, OTHER_CHANNEL, '19:unknown@thread.skype', CHANNEL_ID]);
    assert.deepEqual([...found.keys()].sort(), [CHANNEL_ID, OTHER_CHANNEL].sort());
  });

  it('two instances recording channels of one team at once both land in the team index', async () => {
    const first = alertStores();
    const second = alertStores({ memory: first.memory });
    const ids = Array.from({ length: 8 }, (_, i) => `19:channel${i}@thread.skype`);
    await Promise.all(ids.map((id, i) => (i % 2 ? first : second).conversations.upsert(channelFacts({ id }))));
    const known = await first.conversations.teamConversations(TEAM_ID);
    for (const id of ids) assert.ok(known.includes(id), id);
  });
});
