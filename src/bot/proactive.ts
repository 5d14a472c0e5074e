/**
 * Proactive delivery: posts a card in a stored conversation with
 * CloudAdapter.continueConversationAsync, and maps the Bot Connector's errors to DeliveryError.
 * botframework-connector already retries 429 (honouring Retry-After) and 5xx a few times inside
 * one post; what still fails reaches the alert engine as `transient`.
 */
import { cardMessage } from './cardMessage';
import type { CloudAdapter } from 'botbuilder';
import { DeliveryError } from '../alerts/delivery';
import type { PostToConversation } from '../alerts/types';
import { parseRetryAfter } from '../defender/retry';

/** Error codes with which Teams says the bot can no longer post in a conversation. */
const GONE_CODES = new Set([
  'BotNotInConversationRoster',
  'MessageWritesBlocked',
  'ConversationBlockedByUser',
  'BotDisabledByAdmin',
  'ConversationNotFound',
]);

/** A PostToConversation that sends through the adapter as the bot `appId` ('' in demo mode). */
export function proactivePoster(adapter: CloudAdapter, appId: string): PostToConversation {
  return async (reference, card) => {
    // Caught inside the turn: otherwise the adapter's onTurnError would answer with an error card.
    let failure: { error: unknown } | undefined;
    try {
      await adapter.continueConversationAsync(appId, reference, async (context) => {
        try {
          await context.sendActivity(cardMessage(card));
        } catch (error) {
          failure = { error };
        }
      });
    } catch (error) {
      failure = { error };
    }
    if (failure) throw deliveryErrorOf(failure.error);
  };
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
  if (status === undefined || status === 429 || status >= 500) {
    return new DeliveryError('transient', message, details, { cause: err });
  }
  return new DeliveryError('rejected', message, details, { cause: err });
}
