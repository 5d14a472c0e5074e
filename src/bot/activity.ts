/** What the bot reads from Teams' activities: the command text, and who asked from where. */
import { TurnContext, type Activity } from 'botbuilder';
import { conversationKeyOf } from '../conversations/store';
import type { UserRef } from '../auth/types';
import type { RequestContext } from '../commands/types';
import { localeOf } from '../i18n';

/** No command is longer; longer text is cut before any pattern runs on it. */
const MAX_COMMAND_TEXT = 2000;

/**
 * The command the user sent: the message text with the bot's @mention (and any leftover `<at>`
 * tags) removed, or, for a card button (Action.Submit), the `command` string of its data.
 */
export function commandText(activity: Activity): string {
  const text = (TurnContext.removeRecipientMention(activity) ?? activity.text ?? '').slice(0, MAX_COMMAND_TEXT);
  const value = activity.value as { command?: unknown } | undefined;
  if (text.trim() === '' && typeof value?.command === 'string') return value.command.slice(0, MAX_COMMAND_TEXT);
  return text.replace(/<at\b[^>]*>[^<]*<\/at>/gi, ' ');
}

/** Facts about the request that the core needs, read from Teams' activity. */
export function requestContext(activity: Activity): RequestContext {
  const type = activity.conversation?.conversationType;
  const channelData = activity.channelData as { tenant?: { id?: string } } | undefined;
  return {
    conversationType: type === 'channel' || type === 'groupChat' ? type : 'personal',
    tenantId: channelData?.tenant?.id ?? activity.conversation?.tenantId,
    userId: activity.from?.aadObjectId,
    conversationId: activity.conversation?.id && conversationKeyOf(activity.conversation.id),
    userName: activity.from?.name,
    locale: localeOf(activity.locale),
  };
}

/** The user who sent an activity, when Teams says who (tenant and Entra object id), in lower case. */
export function userOf(activity: Activity): UserRef | undefined {
  const { tenantId, userId } = requestContext(activity);
  return tenantId && userId ? { tenantId: tenantId.toLowerCase(), userId: userId.toLowerCase() } : undefined;
}
