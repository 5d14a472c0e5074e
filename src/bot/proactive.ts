/**
 * Proactive delivery: posts a card in a stored conversation with
 * CloudAdapter.continueConversationAsync, paced to Teams' send limits, and maps the Bot Connector's
 * errors to DeliveryError. botframework-connector's pipeline already retries, inside one post,
 * 429 and 503 with Retry-After, 408, 5xx but 501/505, and network errors (3 retries, 4 attempts);
 * it does not retry 412, which Teams also asks bots to retry: that one is left to the alert sender.
 */
import { cardMessage } from './cardMessage';
import type { CloudAdapter } from 'botbuilder';
import { DeliveryError } from '../alerts/delivery';
import type { PostOptions, PostToConversation } from '../alerts/types';
import { parseRetryAfter } from '../http';
import { PacingWaitTooLong, type SendDone } from '../pacing/pacer';
import { sendKeys, TEAMS_RETRY_STATUSES, type SendPacer } from '../pacing/teams';
import { PACED_TURN } from './pacing';

/** Error codes with which Teams says the bot can no longer post in a conversation. */
const GONE_CODES = new Set([
  'BotNotInConversationRoster',
  'MessageWritesBlocked',
  'ConversationBlockedByUser',
  'BotDisabledByAdmin',
  'ConversationNotFound',
]);

/** HTTP attempts the Bot Framework client makes for a status it retries (@azure/core-rest-pipeline: 3 retries). */
export const CONNECTOR_ATTEMPTS = 4;

/** Longest a post waits for room under Teams' limits; beyond it the alert stays pending for the next round. */
export const PROACTIVE_MAX_WAIT_MS = 60_000;

/** A PostToConversation that sends through the adapter as the bot `appId` ('' in demo mode), paced by `pacer`. */
export function proactivePoster(
  adapter: CloudAdapter,
  appId: string,
  pacer?: SendPacer,
  maxWaitMs = PROACTIVE_MAX_WAIT_MS,
): PostToConversation {
  return async (reference, card, options = {}) => {
    const done = pacer ? await pacedSlot(pacer, reference, options, maxWaitMs) : undefined;
    // Caught inside the turn: otherwise the adapter's onTurnError would answer with an error card.
    let failure: { error: unknown } | undefined;
    try {
      await adapter.continueConversationAsync(appId, reference, async (context) => {
        // Paced here, where the wait can be aborted: the turn's middleware does not pace it again.
        context.turnState.set(PACED_TURN, true);
        try {
          await context.sendActivity(cardMessage(card));
        } catch (error) {
          failure = { error };
        }
      });
    } catch (error) {
      failure = { error };
    } finally {
      done?.();
    }
    if (failure) throw deliveryErrorOf(failure.error);
  };
}

/** Waits for room in the conversation and its tenant; a wait too long or aborted is a transient failure. */
async function pacedSlot(
  pacer: SendPacer,
  reference: Record<string, unknown>,
  options: PostOptions,
  maxWaitMs: number,
): Promise<SendDone> {
  const conversation = (reference.conversation ?? {}) as { id?: unknown; tenantId?: unknown };
  const tenantId = options.tenantId ?? (typeof conversation.tenantId === 'string' ? conversation.tenantId : undefined);
  try {
    return await pacer.acquire(sendKeys(typeof conversation.id === 'string' ? conversation.id : '', tenantId), {
      signal: options.signal,
      maxWaitMs,
    });
  } catch (err) {
    const retryAfterMs = err instanceof PacingWaitTooLong ? err.waitMs : undefined;
    throw new DeliveryError(
      'transient',
      'Not sent: waiting for Teams send limits',
      { retryAfterMs, attempts: 0 },
      {
        cause: err,
      },
    );
  }
}

/** The Connector's RestError (statusCode, code from the ErrorResponse body, response headers) as a DeliveryError. */
export function deliveryErrorOf(err: unknown): DeliveryError {
  const e = (err ?? {}) as {
    statusCode?: unknown;
    code?: unknown;
    message?: unknown;
    response?: { headers?: { get?: (name: string) => string | undefined } };
  };
  const status = typeof e.statusCode === 'number' ? e.statusCode : undefined;
  const code = typeof e.code === 'string' && /^[A-Za-z0-9_.-]{1,60}$/.test(e.code) ? e.code : undefined;
  const retryAfter = parseRetryAfter(e.response?.headers?.get?.('retry-after') ?? null);
  const details = { status, code, retryAfterMs: retryAfter === undefined ? undefined : retryAfter * 1000 };
  const message = `Bot Connector answered ${status ?? 'no status'}${code ? ` ${code}` : ''}`;
  if ((status === 403 && code !== undefined && GONE_CODES.has(code)) || status === 404) {
    return new DeliveryError('gone', message, details, { cause: err });
  }
  if (status === undefined || TEAMS_RETRY_STATUSES.has(status) || status >= 500) {
    const attempts = clientRetried(status, retryAfter) ? CONNECTOR_ATTEMPTS : 1;
    return new DeliveryError('transient', message, { ...details, attempts }, { cause: err });
  }
  return new DeliveryError('rejected', message, details, { cause: err });
}

/** Whether the Bot Framework client already retried this failure itself (no status: network error or deadline). */
function clientRetried(status: number | undefined, retryAfter: number | undefined): boolean {
  if (status === undefined) return true;
  if (status === 429) return retryAfter !== undefined;
  return status === 408 || (status >= 500 && status !== 501 && status !== 505);
}
