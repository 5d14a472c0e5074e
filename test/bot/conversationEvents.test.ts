// Conversation records kept current from Teams' events, end to end over HTTP (real restify server, fake Bot Connector).
import assert from 'node:assert/strict';
import { ConversationStore } from '../../src/conversations/store';
import { MemoryStore } from '../../src/storage/memory';
import { startBot, type RunningBot } from '../support/harness';
import { channelMessage, newTeam, teamEvent, type TestTeam } from '../support/teamsEvents';

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

  const post = async (name: string): Promise<void> => {
    assert.equal(await bot.post(teamEvent(name, team, bot.connector.serviceUrl)), 200, name);
  };

  it('installationUpdate add records the selected channel with its team, names, language and reference', async () => {
    await post('installation-update-add');
    const record = await conversations.get(team.channelId);
    assert.ok(record, 'recorded');
    assert.equal(record.active, true);
    assert.equal(record.kind, 'channel');
    assert.equal(record.tenantId, '72f988bf-86f1-41af-91ab-2d7cd011db47');
    assert.equal(record.teamId, team.teamId);
    assert.equal(record.locale, 'en');
    const reference = record.reference as { serviceUrl: string; conversation: { id: string }; bot: { id: string } };
    assert.equal(reference.serviceUrl, bot.connector.serviceUrl);
    assert.equal(reference.conversation.id, team.channelId);
    assert.equal(reference.bot.id, '28:9901a8b6-4fef-428b-80b1-ddb59361adeb');
    assert.equal('activityId' in reference, false);
  });

  it('installationUpdate remove and remove-upgrade stop posting; add-upgrade starts again', async () => {
    await post('installation-update-add');
    const named = await conversations.get(team.channelId);
    assert.equal(named?.active, true);
    await post('installation-update-remove');
    let record = await conversations.get(team.channelId);
    assert.equal(record?.active, false);
    assert.equal(record?.inactiveReason, 'uninstalled');
    const upgrade = teamEvent('installation-update-remove', team, bot.connector.serviceUrl);
    upgrade.action = 'add-upgrade';
    await bot.post(upgrade);
    record = await conversations.get(team.channelId);
    assert.equal(record?.active, true);
    assert.equal(record?.name, '2021 Test Channel');
    assert.equal(record?.teamName, 'TestTeam2022');
    upgrade.action = 'remove-upgrade';
    upgrade.id = 'f:remove-upgrade';
    await bot.post(upgrade);
    assert.equal((await conversations.get(team.channelId))?.active, false);
  });

  it('the bot added to a team is recorded; removed from it, every known channel of the team stops', async () => {
    await post('conversation-update-bot-added-to-team');
    await post('installation-update-add');
    assert.equal((await conversations.get(team.channelId))?.active, true);
    assert.equal((await conversations.get(team.channelId))?.teamName, 'TestTeam2');
    await post('conversation-update-bot-removed-from-team');
    const record = await conversations.get(team.channelId);
    assert.equal(record?.active, false);
    assert.equal(record?.inactiveReason, 'bot-removed');
    await post('conversation-update-bot-added-to-team');
    assert.equal((await conversations.get(team.channelId))?.active, true);
  });

  it('a deleted team stops, a restored team starts again, a hard-deleted team stops', async () => {
    await post('installation-update-add');
    await post('conversation-update-team-deleted');
    assert.equal((await conversations.get(team.channelId))?.inactiveReason, 'team-deleted');
    await post('conversation-update-team-restored');
    assert.equal((await conversations.get(team.channelId))?.active, true);
    await post('conversation-update-team-hard-deleted');
    assert.equal((await conversations.get(team.channelId))?.active, false);
  });

  it('renames follow the team and the channel; a deleted channel stops alone', async () => {
    await post('installation-update-add');
    const other = { ...team, channelId: `19:other-${team.channelId.slice(3)}` };
    await bot.post(teamEvent('installation-update-add', other, bot.connector.serviceUrl));
    await post('conversation-update-team-renamed');
    await post('conversation-update-channel-renamed');
    const record = await conversations.get(team.channelId);
    assert.equal(record?.name, 'PhotographyUpdates');
    assert.equal(record?.teamName, 'New Team Name');
    await post('conversation-update-channel-deleted');
    assert.equal((await conversations.get(team.channelId))?.inactiveReason, 'channel-deleted');
    assert.equal((await conversations.get(other.channelId))?.active, true);
    // Restoring the team does not bring back a channel deleted on its own.
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
