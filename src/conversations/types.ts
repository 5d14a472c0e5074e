/**
 * A conversation the bot may post to, as the conversation directory keeps it. Plain data only:
 * botbuilder's ConversationReference travels as JSON and is used only in src/bot.
 */
import type { Locale } from '../i18n';

/** Where a conversation lives. */
export type ConversationKind = 'personal' | 'channel' | 'groupChat';

/** A conversation the bot may post to, kept current from Teams' events. Key: `conversation/{id}`. */
export interface ConversationRecord {
  /** Teams conversation id (for a channel, the channel's id). */
  readonly id: string;
  /** botbuilder's ConversationReference as plain JSON (serviceUrl, conversation, bot, channelId...). */
  readonly reference: Record<string, unknown>;
  readonly kind: ConversationKind;
  readonly tenantId?: string;
  /** Channel or chat name when Teams says it. */
  readonly name?: string;
  /** For a channel: its team (team-wide events such as teamDeleted reach every channel of it). */
  readonly teamId?: string;
  readonly teamName?: string;
  /** Language of the last message seen there: alerts have no incoming activity to read it from. */
  readonly locale: Locale;
  /** false once the bot was removed, the team deleted, or Teams refused a post (403). */
  readonly active: boolean;
  readonly inactiveReason?: string;
  /** ISO date-time of the last change. */
  readonly updatedAt: string;
}

/** Who did something, as Teams named them. */
export interface Actor {
  readonly aadObjectId?: string;
  readonly name?: string;
}

/** Conversations the bot knows. */
export interface ConversationDirectory {
  /** The record of a conversation, if known. */
  get(id: string): Promise<ConversationRecord | undefined>;
  /** Stops posting there (bot removed, team deleted, 403), keeping the record and why. */
  markInactive(id: string, reason: string): Promise<void>;
}
