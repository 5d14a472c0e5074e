/** Teams' send limits as the fake Bot Connector checks them: on arrival, per conversation and for the whole app. */
import type { RateWindow } from '../../../src/pacing/pacer';

/** Teams' limits as "Optimize your bot: rate limiting and best practices" states them, written out apart from src/. */
export const DOCUMENTED_LIMITS = {
  perThread: [
    { limit: 7, ms: 1000 },
    { limit: 8, ms: 2000 },
    { limit: 60, ms: 30_000 },
    { limit: 1800, ms: 3_600_000 },
  ],
  perApp: [{ limit: 30, ms: 1000 }],
} as const;

/** The windows to check, and the clock arrivals are timed with (the bot's pacer clock in tests). */
export interface SendLimits {
  readonly perThread: readonly RateWindow[];
  readonly perApp: readonly RateWindow[];
  readonly clock: () => number;
}

/** A request that arrived over a limit (Teams would answer 429). */
export interface OverLimit {
  readonly conversationId: string;
  readonly at: number;
  readonly window: string;
}

/** Arrival times per conversation and for the app; says which window a new arrival would break. */
export class SendLimitCheck {
  readonly overLimit: OverLimit[] = [];
  private readonly threads = new Map<string, number[]>();
  private readonly app: number[] = [];

  constructor(private readonly limits: SendLimits) {}

  /** Records an arrival; false (and an OverLimit entry) when it breaks a window. */
  arrive(conversationId: string): boolean {
    const at = this.limits.clock();
    const thread = this.threads.get(conversationId) ?? [];
    const broken =
      brokenWindow(thread, this.limits.perThread, at, 'thread') ??
      brokenWindow(this.app, this.limits.perApp, at, 'app');
    if (broken) {
      this.overLimit.push({ conversationId, at, window: broken });
      return false;
    }
    thread.push(at);
    this.threads.set(conversationId, thread);
    this.app.push(at);
    return true;
  }
}

/** The first window that one more arrival at `at` would overfill, named like "thread 7/1000ms". */
function brokenWindow(times: readonly number[], windows: readonly RateWindow[], at: number, scope: string) {
  for (const w of windows) {
    const inWindow = times.filter((t) => t > at - w.ms && t <= at).length;
    if (inWindow + 1 > w.limit) return `${scope} ${w.limit}/${w.ms}ms`;
  }
  return undefined;
}
