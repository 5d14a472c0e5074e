/**
 * The alerting contract between its parts: where the bot can post (conversations), who watches
 * which software (watches), and how an alert reaches a conversation (delivery). Plain data only:
 * botbuilder's ConversationReference travels as JSON and is used only in src/bot.
 */
import type { Locale } from '../i18n';
import type { PollTarget } from './tenants';

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

/** A conversation watching a piece of software. */
export interface WatchRecord {
  readonly softwareId: string;
  readonly conversationId: string;
  readonly addedBy: Actor;
  /** ISO date-time. */
  readonly addedAt: string;
  /** The conversation's tenant when the watch was added (counts against that tenant's cap). */
  readonly tenantId?: string;
}

/** The outcome of the last check of a watched software id (shown by `/missingkbs watching`). */
export interface CheckResult {
  /** ISO date-time. */
  readonly checkedAt: string;
  readonly ok: boolean;
  /** Missing KBs found (ok) or the catalogue error code (not ok). */
  readonly kbs?: number;
  readonly errorCode?: string;
}

/** Conversations the bot knows. */
export interface ConversationDirectory {
  /** The record of a conversation, if known. */
  get(id: string): Promise<ConversationRecord | undefined>;
  /** Stops posting there (bot removed, team deleted, 403), keeping the record and why. */
  markInactive(id: string, reason: string): Promise<void>;
}

/** Which conversations watch which software. */
export interface WatchList {
  /** Every software id that at least one active conversation watches, once per tenant of those conversations. */
  watchedSoftware(): Promise<PollTarget[]>;
  /** The watches of one software id, in every tenant (check each conversation's tenant). */
  watchersOf(softwareId: string): Promise<WatchRecord[]>;
  /** Records the outcome of a check in one tenant, for `/missingkbs watching` there. */
  recordCheck(target: PollTarget, result: CheckResult): Promise<void>;
}

/** What a post may say besides where and what: the conversation's tenant (pacing), and when to give up waiting. */
export interface PostOptions {
  readonly tenantId?: string;
  readonly signal?: AbortSignal;
}

/** Posts a card in a stored conversation (CloudAdapter.continueConversationAsync underneath), paced to Teams' limits. */
export type PostToConversation = (
  reference: Record<string, unknown>,
  card: Record<string, unknown>,
  options?: PostOptions,
) => Promise<void>;
