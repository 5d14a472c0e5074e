/**
 * Keeps the conversation directory current from Teams' activities: installationUpdate (add,
 * add-upgrade, remove, remove-upgrade), conversationUpdate (bot added or removed, team and channel
 * lifecycle) and every message. Reads botbuilder's activity here and hands plain facts to the store.
 */
import { TurnContext, type Activity } from 'botbuilder';
import { conversationKeyOf, type ConversationFacts, type ConversationStore } from '../conversations/store';
import { localeOf } from '../i18n';
import { errorFields, type Logger } from '../log';
import { requestContext } from './activity';

/** The parts of Teams' channelData these events use. */
interface TeamsChannelData {
  eventType?: string;
  team?: { id?: string; name?: string };
  channel?: { id?: string; name?: string };
}

/** Turns Teams' events into directory changes, for tenants the bot serves only. */
export class ConversationEvents {
  constructor(
    private readonly store: ConversationStore,
    private readonly tenantAllowed: (tenantId: string | undefined) => boolean,
    private readonly logger: Logger,
  ) {}

  /** An ordinary message: the bot is there; refreshes serviceUrl, names and language. */
  message(activity: Activity): Promise<void> {
    return this.guard(activity, async () => {
      await this.store.upsert(factsOf(activity), true);
    });
  }

  /** The app was installed (add, add-upgrade) or uninstalled (remove, remove-upgrade). */
  installationUpdate(activity: Activity): Promise<void> {
    return this.guard(activity, async () => {
      const action = (activity.action ?? '').toLowerCase();
      const teamId = channelDataOf(activity).team?.id;
      if (action === 'add' || action === 'add-upgrade') await this.added(activity, teamId);
      else if (action === 'remove' || action === 'remove-upgrade') await this.removed(activity, teamId, 'uninstalled');
    });
  }

  /** Members or the team and its channels changed. */
  conversationUpdate(activity: Activity): Promise<void> {
    return this.guard(activity, async () => {
      const botId = activity.recipient?.id;
      const data = channelDataOf(activity);
      const teamId = data.team?.id;
      if (activity.membersAdded?.some((m) => m.id === botId)) await this.added(activity, teamId);
      if (activity.membersRemoved?.some((m) => m.id === botId)) await this.removed(activity, teamId, 'bot-removed');
      await this.teamEvent(activity, data);
    });
  }

  private async teamEvent(activity: Activity, data: TeamsChannelData): Promise<void> {
    const teamId = data.team?.id ?? activity.conversation.id;
    const channelId = data.channel?.id;
    switch ((data.eventType ?? '').toLowerCase()) {
      case 'teamdeleted':
      case 'teamharddeleted':
        return this.store.deactivateTeam(teamId, 'team-deleted');
      case 'teamarchived':
        return this.store.deactivateTeam(teamId, 'team-archived');
      case 'teamrestored':
      case 'teamunarchived':
        return this.store.reactivateTeam(teamId);
      case 'teamrenamed':
        if (data.team?.name) await this.store.renameTeam(teamId, data.team.name);
        return;
      case 'channelrenamed':
        if (channelId && data.channel?.name) await this.store.rename(channelId, data.channel.name);
        return;
      case 'channeldeleted':
        if (channelId) await this.store.markInactive(channelId, 'channel-deleted');
        return;
      case 'channelrestored':
        if (channelId) await this.store.reactivate(channelId);
        return;
    }
  }

  private async added(activity: Activity, teamId: string | undefined): Promise<void> {
    await this.store.upsert(factsOf(activity), true);
    if (teamId) await this.store.reactivateTeam(teamId);
  }

  private async removed(activity: Activity, teamId: string | undefined, reason: string): Promise<void> {
    if (teamId) await this.store.deactivateTeam(teamId, reason);
    await this.store.stopIfActive(activity.conversation.id, reason);
  }

  /** Only allowed tenants are recorded; a storage failure is logged and never fails the turn. */
  private async guard(activity: Activity, work: () => Promise<void>): Promise<void> {
    const { tenantId } = requestContext(activity);
    if (!this.tenantAllowed(tenantId)) return;
    try {
      await work();
    } catch (err) {
      this.logger.warn('alerts.conversation_update_failed', { activityType: activity.type, ...errorFields(err) });
    }
  }
}

/** What one activity says about its conversation, as plain data. */
export function factsOf(activity: Activity): ConversationFacts {
  const id = conversationKeyOf(activity.conversation.id);
  // Alerts start new posts: in a channel, at the channel (not in the thread of this message). The
  // sender and their locale describe this message, not the conversation: kept, they would rewrite the
  // record whenever someone else speaks (the record's own `locale` keeps the language).
  const {
    activityId: _thread,
    user: _sender,
    locale: _locale,
    ...rest
  } = TurnContext.getConversationReference(activity);
  void [_thread, _sender, _locale];
  const reference = JSON.parse(JSON.stringify({ ...rest, conversation: { ...rest.conversation, id } })) as Record<
    string,
    unknown
  >;
  const data = channelDataOf(activity);
  const { tenantId, conversationType } = requestContext(activity);
  const channelName = data.channel?.id && conversationKeyOf(data.channel.id) === id ? data.channel.name : undefined;
  return {
    id,
    reference,
    kind: conversationType,
    tenantId,
    name: activity.conversation.name ?? channelName,
    teamId: data.team?.id,
    teamName: data.team?.name,
    locale: activity.locale ? localeOf(activity.locale) : undefined,
  };
}

function channelDataOf(activity: Activity): TeamsChannelData {
  return (activity.channelData ?? {}) as TeamsChannelData;
}
