// Conversation records kept current from Teams' events, end to end over HTTP (real restify server, fake Bot Connector).
import assert from 'node:assert/strict';
import { ConversationStore } from '../../src/conversations/store';
import { MemoryStore } from '../../src/storage/memory';
import { startBot, type RunningBot } from '../support/harness';
import { channelMessage, newTeam, teamEvent, type TestTeam } from '../support/teamsEvents';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const BOT_ID = '28:9901a8b6-4fef-428b-80b1-ddb59361adeb';

describe('conversation records from Teams events (demo tenant, real server)', () => {
  let bot: RunningBot;
  let storage: MemoryStore;
  let conversations: ConversationStore;
  let team: TestTeam;

  before(async () => {
    storage = new MemoryStore();
    conversations = new ConversationStore(storage);
    bot = await startBot({}, { storage });
  });
  after(() => bot.stop());
  beforeEach(() => {
    team = newTeam();
    bot.connector.sent.splice(0);
  });

  const post = async (spec: string): Promise<void> => {
    const [name, action] = spec.split('@');
    const event = teamEvent(name, team, bot.connector.serviceUrl);
    if (action) event.action = action;
    assert.equal(await bot.post(event), 200, spec);
  };

  it('installationUpdate add records the selected channel with its team, names, language and reference', async () => {
    await post('installation-update-add');
    const { active, kind, tenantId, teamId, locale, reference } = (await conversations.get(team.channelId))!;
    assert.deepEqual([active, kind, tenantId, teamId, locale], [true, 'channel', TENANT, team.teamId, 'en']);
    const { serviceUrl, conversation, bot: botAccount, ...rest } = reference as Record<string, any>;
    assert.deepEqual([serviceUrl, conversation.id, botAccount.id], [bot.connector.serviceUrl, team.channelId, BOT_ID]);
    assert.equal('activityId' in rest, false);
  });

  // [what, Teams events in order (`name@action` overrides the action), what the channel's record then says]
  const ADD = 'installation-update-add';
  const sequences: [string, string[], Record<string, unknown>][] = [
    [
      'an uninstall stops posting',
      [ADD, 'installation-update-remove'],
      { active: false, inactiveReason: 'uninstalled' },
    ],
    [
      'an upgrade after an uninstall starts again, with the names',
      [ADD, 'installation-update-remove', 'installation-update-remove@add-upgrade'],
      { active: true, name: '2021 Test Channel', teamName: 'TestTeam2022' },
    ],
    ['a remove-upgrade stops posting', [ADD, 'installation-update-remove@remove-upgrade'], { active: false }],
    ['the bot added to a team is recorded', ['conversation-update-bot-added-to-team', ADD], { teamName: 'TestTeam2' }],
    [
      'the bot removed from a team stops every known channel of it',
      ['conversation-update-bot-added-to-team', ADD, 'conversation-update-bot-removed-from-team'],
      { active: false, inactiveReason: 'bot-removed' },
    ],
    [
      'the bot added to the team again starts them again',
      [ADD, 'conversation-update-bot-removed-from-team', 'conversation-update-bot-added-to-team'],
      { active: true },
    ],
    ['a deleted team stops', [ADD, 'conversation-update-team-deleted'], { inactiveReason: 'team-deleted' }],
    [
      'a restored team starts again',
      [ADD, 'conversation-update-team-deleted', 'conversation-update-team-restored'],
      { active: true },
    ],
    [
      'renames follow the team and the channel',
      [ADD, 'conversation-update-team-renamed', 'conversation-update-channel-renamed'],
      { name: 'PhotographyUpdates', teamName: 'New Team Name' },
    ],
  ];
  for (const [what, events, expected] of sequences) {
    it(what, async () => {
      for (const event of events) await post(event);
      const record = await conversations.get(team.channelId);
      assert.deepEqual(
        Object.keys(expected).map((key) => record?.[key as keyof typeof record]),
        Object.values(expected),
      );
    });
  }

  it('a deleted channel stops alone, and a restored team does not bring it back', async () => {
    await post(ADD);
    const other = { ...team, channelId: `19:other-${team.channelId.slice(3)}` };
    await bot.post(teamEvent(ADD, other, bot.connector.serviceUrl));
    await post('conversation-update-channel-deleted');
    assert.equal((await conversations.get(team.channelId))?.inactiveReason, 'channel-deleted');
    assert.equal((await conversations.get(other.channelId))?.active, true);
    await post('conversation-update-team-deleted');
    await post('conversation-update-team-restored');
    assert.equal((await conversations.get(team.channelId))?.active, false);
    assert.equal((await conversations.get(other.channelId))?.active, true);
  });

  it('a message refreshes the serviceUrl and language and makes the conversation active again', async () => {
    await conversations.upsert({
      id: team.channelId,
      reference: { serviceUrl: 'https://smba.trafficmanager.net/amer/', conversation: { id: team.channelId } },
      kind: 'channel',
      teamId: team.teamId,
      name: 'SOC alerts',
    });
    await conversations.markInactive(team.channelId, 'BotNotInConversationRoster');
    const message = channelMessage(team, bot.connector.serviceUrl, 'help');
    message.locale = 'fr-FR';
    assert.equal(await bot.post(message), 200);
    await bot.connector.waitForMessages(1);
    const record = await conversations.get(team.channelId);
    assert.equal(record?.active, true);
    assert.equal(record?.locale, 'fr');
    assert.equal(record?.name, 'SOC alerts');
    const reference = record?.reference as { serviceUrl: string; conversation: { id: string } };
    assert.equal(reference.serviceUrl, bot.connector.serviceUrl);
    assert.equal(reference.conversation.id, team.channelId, 'the channel, not the thread of the message');
  });

  it('a bot added to a 1:1 chat records a personal conversation', async () => {
    const activity = teamEvent('conversation-update-bot-added-personal', team, bot.connector.serviceUrl);
    activity.conversation.id = `a:${team.channelId.slice(3)}`;
    await bot.post(activity);
    const record = await conversations.get(activity.conversation.id);
    assert.equal(record?.kind, 'personal');
    assert.equal(record?.active, true);
  });
});
