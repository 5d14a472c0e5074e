/**
 * A deadline on everything the bot sends to the Bot Connector (replies, typing indicators, error
 * cards). botbuilder's connector client sets no timeout of its own, so a connector that accepts the
 * connection and never answers would keep a reply, and shutdown, waiting forever. (Its request
 * pipeline cannot be given one: ConnectorFactoryImpl replaces `requestPolicyFactories`.)
 */
import type { Middleware, TurnContext } from 'botbuilder';
import { isAppError } from '../errors';
import { withTimeout } from '../time';

/** How long one send to the Bot Connector may take, its own retries included. */
export const DEFAULT_REPLY_TIMEOUT_MS = 30_000;

/** Middleware that fails (and so logs, through onTurnError) a send that outlasts `timeoutMs`. */
export function replyDeadline(timeoutMs = DEFAULT_REPLY_TIMEOUT_MS): Middleware {
  return {
    onTurn: async (context: TurnContext, next: () => Promise<void>): Promise<void> => {
      context.onSendActivities(async (_context, _activities, send) => {
        try {
          return await withTimeout(send(), timeoutMs, 'The Bot Connector');
        } catch (err) {
          // Not an AppError('timeout'): that card would blame Defender.
          if (isAppError(err) && err.code === 'timeout') throw new Error(err.message);
          throw err;
        }
      });
      await next();
    },
  };
}
