/** Shows Teams' typing indicator while slow work runs; failures to send it never fail the turn. */
import { ActivityTypes, type TurnContext } from 'botbuilder';
import { errorFields, type Logger } from '../log';

/** When the first indicator goes out, and how often it is renewed (Teams shows one for ~3 s). */
export interface TypingTiming {
  readonly delayMs: number;
  readonly periodMs: number;
}

/** Fast answers need no indicator: it would only flicker. */
export const DEFAULT_TYPING: TypingTiming = { delayMs: 250, periodMs: 2500 };

/** Runs `work`, sending typing activities while it lasts longer than `delayMs`. */
export async function withTyping<T>(
  context: TurnContext,
  work: () => Promise<T>,
  logger: Logger,
  timing: TypingTiming = DEFAULT_TYPING,
): Promise<T> {
  let done = false;
  let inFlight: Promise<void> | undefined;
  // Indicators go out one after another, so none can arrive after the reply.
  const send = (): void => {
    inFlight = (inFlight ?? Promise.resolve())
      .then(() => context.sendActivity({ type: ActivityTypes.Typing }))
      .then(() => undefined)
      .catch((err: unknown) => logger.warn('bot.typing_failed', errorFields(err)));
  };
  let timer = setTimeout(function tick() {
    if (done) return;
    send();
    timer = setTimeout(tick, timing.periodMs);
  }, timing.delayMs);
  try {
    return await work();
  } finally {
    done = true;
    clearTimeout(timer);
    // Let an indicator already on its way arrive before the reply does, but never wait long for it.
    // Fast answers sent none: no wait, and no timer left behind for every reply.
    if (inFlight) {
      let cap: NodeJS.Timeout | undefined;
      await Promise.race([inFlight, new Promise((resolve) => (cap = setTimeout(resolve, timing.periodMs).unref()))]);
      clearTimeout(cap);
    }
  }
}
