/**
 * The poll loop: every ALERT_POLL_MINUTES (± jitter, so instances and restarts spread out), each
 * watched id of each tenant in turn, Defender calls paced to stay within half of its limits (100/min,
 * 1,500/h per app and tenant; polls get half, the limiter enforces it per tenant: one call every 4.8 s
 * at most by default), pausing when Defender answers 429.
 */
import { sleep } from '../time';
import { errorFields, type Logger } from '../log';
import type { AlertEngine } from './engine';
import type { WatchList } from '../watches/types';

/** Defender allows 1,500 calls an hour and polls may use half: one every 4.8 s keeps any round under it. */
export const DEFAULT_PACE_MS = 4800;

/** Timing of the loop. */
export interface PollerTiming {
  readonly intervalMs: number;
  /** Fraction of the interval added or removed at random. Default 0.1. */
  readonly jitter?: number;
  /** Least time between two Defender calls of this instance. Default DEFAULT_PACE_MS. */
  readonly paceMs?: number;
  /** Delay before the first round. Default: a random part of one minute (or of the interval if shorter). */
  readonly firstDelayMs?: number;
  readonly random?: () => number;
}

/** Runs poll rounds until stopped. */
export class Poller {
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> | undefined;
  private readonly controller = new AbortController();
  private stopped = false;
  /** Rounds finished (for tests and logs). */
  rounds = 0;

  constructor(
    private readonly engine: AlertEngine,
    private readonly watches: WatchList,
    private readonly timing: PollerTiming,
    private readonly logger: Logger,
  ) {}

  /** Schedules the first round. */
  start(): void {
    const random = this.timing.random ?? Math.random;
    this.schedule(this.timing.firstDelayMs ?? Math.round(random() * Math.min(60_000, this.timing.intervalMs)));
  }

  /** Stops scheduling, cancels the round under way and waits for it to end. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.controller.abort(new Error('shutting down'));
    await this.round;
  }

  /** The next wait: the interval, moved by up to ± jitter. */
  nextDelay(): number {
    const random = this.timing.random ?? Math.random;
    const jitter = this.timing.jitter ?? 0.1;
    return Math.max(0, Math.round(this.timing.intervalMs * (1 + jitter * (2 * random() - 1))));
  }

  /** One round over every watched id. */
  async runRound(): Promise<void> {
    const signal = this.controller.signal;
    const ids = await this.watches.watchedSoftware();
    let polled = 0;
    for (const target of ids) {
      if (signal.aborted) break;
      try {
        const result = await this.engine.pollOne(target, signal);
        if (!result.polled) continue;
        polled++;
        const wait = Math.max(this.timing.paceMs ?? DEFAULT_PACE_MS, (result.throttledSeconds ?? 0) * 1000);
        if (result.throttledSeconds)
          this.logger.warn('alerts.throttled', { retryAfterSeconds: result.throttledSeconds });
        await sleep(wait, signal);
      } catch (err) {
        if (signal.aborted) break;
        this.logger.error('alerts.poll_failed', { ...target, ...errorFields(err, true) });
      }
    }
    this.rounds++;
    this.logger.info('alerts.round', { watched: ids.length, polled });
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.round = this.runRound()
        .catch((err: unknown) => this.logger.error('alerts.round_failed', errorFields(err, true)))
        .finally(() => {
          this.round = undefined;
          this.schedule(this.nextDelay());
        });
    }, delayMs);
    this.timer.unref();
  }
}
