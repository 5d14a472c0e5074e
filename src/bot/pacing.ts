/**
 * Paces what a turn sends to the Bot Connector (replies, typing indicators, error cards) with the
 * pacer proactive posts use, so that both count toward the same per-thread and per-tenant budget.
 */
import { ActivityTypes, type Activity, type Middleware, type TurnContext } from 'botbuilder';
import type { SendDone } from '../pacing/pacer';
import { sendKeys, type SendPacer } from '../pacing/teams';

/** Set in the turn state when the turn's sends were paced before it started (proactive posts). */
export const PACED_TURN = Symbol('pacedTurn');

/** A reply waits at most this long for room in its thread, then goes anyway (the user is waiting for it). */
export const REPLY_MAX_WAIT_MS = 10_000;

/** Activities that never reach the Bot Connector. */
const NOT_SENT = new Set<string>([ActivityTypes.InvokeResponse, ActivityTypes.Trace, 'delay']);

/** Middleware that waits for room under `pacer` before each send of a turn, and counts the send. */
export function pacedSends(pacer: SendPacer, maxWaitMs = REPLY_MAX_WAIT_MS): Middleware {
  return {
    onTurn: async (context: TurnContext, next: () => Promise<void>): Promise<void> => {
      context.onSendActivities(async (turn, activities, send) => {
        if (turn.turnState.get(PACED_TURN) === true) return send();
        const keys = keysOf(turn.activity);
        // A typing indicator is worth sending only now: with no room, it is dropped rather than delayed.
        if (activities.every((a) => a.type === ActivityTypes.Typing) && pacer.delay(keys) > 0) return [];
        const held: SendDone[] = [];
        try {
          for (const activity of activities) {
            if (!NOT_SENT.has(activity.type ?? '')) held.push(await pacer.acquire(keys, { maxWaitMs, overflow: 'go' }));
          }
          return await send();
        } finally {
          for (const done of held) done();
        }
      });
      await next();
    },
  };
}

/** The thread (conversation id) and tenant of the activity a turn answers. */
function keysOf(activity: Partial<Activity>): ReturnType<typeof sendKeys> {
  const channelTenant = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  const tenantId = activity.conversation?.tenantId ?? (typeof channelTenant === 'string' ? channelTenant : undefined);
  return sendKeys(activity.conversation?.id ?? '', tenantId);
}
