/**
 * Teams' send limits, from "Optimize your bot: rate limiting and best practices"
 * (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit): per bot and thread
 * 7 messages a second, 8 in 2 s, 60 in 30 s and 1,800 an hour; one app in a tenant 50 requests a
 * second in older versions of the page, 30 in later ones (we keep to 30).
 */
import type { Clock } from '../time';
import { Pacer, type PacerLimits } from './pacer';

/** Where a send goes: its thread (conversation id) and its tenant. */
export type SendScope = 'thread' | 'tenant';

/** The pacer of everything the bot sends to Teams (replies and proactive posts share it). */
export type SendPacer = Pacer<SendScope>;

/** Microsoft's documented numbers. */
export const TEAMS_SEND_LIMITS: PacerLimits<SendScope> = {
  thread: [
    { limit: 7, ms: 1000 },
    { limit: 8, ms: 2000 },
    { limit: 60, ms: 30_000 },
    { limit: 1800, ms: 3_600_000 },
  ],
  tenant: [{ limit: 30, ms: 1000 }],
};

/** Statuses Teams asks bots to retry with exponential backoff, honouring Retry-After. */
export const TEAMS_RETRY_STATUSES: ReadonlySet<number> = new Set([429, 412, 502, 504]);

/** A pacer with Teams' limits (tests pass their own limits or clock). */
export function teamsSendPacer(
  options: { readonly limits?: PacerLimits<SendScope>; readonly clock?: Clock } = {},
): SendPacer {
  return new Pacer(options.limits ?? TEAMS_SEND_LIMITS, { clock: options.clock });
}

/** The pacer's keys of a send: the thread as Teams names it, the tenant in lower case ('' if unknown). */
export function sendKeys(threadId: string, tenantId: string | undefined): Record<SendScope, string> {
  return { thread: threadId, tenant: tenantId?.toLowerCase() ?? '' };
}
