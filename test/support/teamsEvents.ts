/** Teams event fixtures placed in one test team or chat: the documented payloads, with fresh and consistent ids (team, channel, conversation, bot), so tests can follow one conversation's record. */
import { randomUUID } from 'node:crypto';
import { fixture } from './fixtures';
import { teamsActivity } from './harness';

/** A team with one channel, as the events of one test see it. */
export interface TestTeam {
  readonly teamId: string;
  readonly channelId: string;
}

/** A new team (its General channel shares the team's id) with another channel. */
export function newTeam(): TestTeam {
  return { teamId: `19:${randomUUID()}@thread.tacv2`, channelId: `19:${randomUUID()}@thread.tacv2` };
}

/** Team-level events arrive on the team's conversation; installs and adds on the selected channel. */
const ON_TEAM = /team-(deleted|hard-deleted|restored|renamed)|bot-removed|channel-(renamed|deleted)/;

/** A conversationUpdate or installationUpdate fixture for `team`, from `serviceUrl`. */
export function teamEvent(name: string, team: TestTeam, serviceUrl: string): Record<string, any> {
  const activity = fixture(`teams/${name}.json`);
  activity.serviceUrl = serviceUrl;
  activity.id = `f:${randomUUID()}`;
  activity.conversation.id = ON_TEAM.test(name) ? team.teamId : team.channelId;
  const data = activity.channelData;
  data.team = { ...data.team, id: team.teamId };
  if (data.channel) data.channel = { ...data.channel, id: team.channelId };
  if (data.settings?.selectedChannel) data.settings.selectedChannel.id = team.channelId;
  return withBot(activity);
}

/** A message in the team's channel (a new thread), with this text after the bot's @mention. */
export function channelMessage(team: TestTeam, serviceUrl: string, text: string): Record<string, any> {
  const activity = teamsActivity('channel-message-mention', serviceUrl, text);
  activity.conversation.id = `${team.channelId};messageid=${activity.id}`;
  const ids = { teamsChannelId: team.channelId, teamsTeamId: team.teamId };
  activity.channelData = {
    ...activity.channelData,
    ...ids,
    channel: { id: team.channelId },
    team: { id: team.teamId },
  };
  return activity;
}

/** The bot's id in membersAdded / membersRemoved made that of the recipient (as Teams sends it). */
function withBot(activity: Record<string, any>): Record<string, any> {
  const botId = activity.recipient.id;
  for (const list of ['membersAdded', 'membersRemoved']) {
    const members = activity[list] as { id: string }[] | undefined;
    if (members?.[0]?.id.startsWith('28:')) members[0].id = botId;
  }
  return activity;
}
