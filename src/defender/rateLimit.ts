/**
 * Defender's rate limits (100 calls a minute and 1,500 an hour) apply per application and tenant:
 * one budget per tenant, shared by every call made for it (users' commands, the alerts poller).
 * A call beyond the budget waits its turn in the tenant's queue, first come first served; a call
 * that would wait longer than `maxWaitMs` fails at once with `throttled`, saying when to retry.
 * A 429 from Defender pauses the tenant's budget for its Retry-After. Background calls (alert polls,
 * webhook reads) may use at most half of each budget (backgroundShare.ts).
 *
 * Defender counts a call when it arrives, some time after the limiter let it go. So a call in
 * flight counts as happening now, and a finished one as happening when it finished: calls a minute
 * apart by that measure are a minute apart at Defender too, whatever the network's delays.
 */
import { BackgroundShare, throttled } from './backgroundShare';
import { abortReason, realClock, type Clock } from '../time';
import type { Gate } from '../http';
import { track, type Measured, type StructureStats } from '../cache/stats';

/** Who a call is for: a user's command, or background work (polls, webhook) limited to half the budget. */
export type CallKind = 'user' | 'background';

/** Tells the limiter that a call it let go is done (answered or failed). */
export type CallDone = () => void;

/** Budget and queue bounds of every tenant. */
export interface RateLimitOptions {
  readonly perMinute: number;
  readonly perHour: number;
  /** Longest a call may wait for its turn; beyond it the caller is told when to retry. */
  readonly maxWaitMs: number;
  /** Calls waiting in one tenant's queue at most (the wait bound usually binds first). Default 1,000. */
  readonly maxQueued?: number;
  /** Slack added to both windows (a minute's budget is spread over 60 s + this). Default 1 s. */
  readonly marginMs?: number;
  /** Pause after a 429 without a usable Retry-After. Default 10 s. */
  readonly defaultPauseSeconds?: number;
  readonly clock?: Clock;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
/** Tenants tracked before idle ones are first swept out. */
const SWEEP_MIN = 1000;

interface Waiter {
  at: number;
  cancel: () => void;
  resolve: (done: CallDone) => void;
  reject: (err: Error) => void;
  signal?: AbortSignal;
  onAbort: () => void;
}

/** One tenant's state: calls done (end times, ascending), calls in flight, waiters (booked times, ascending), a pause. */
interface Budget {
  done: number[];
  inFlight: number;
  waiters: Waiter[];
  pausedUntil: number;
}

/** The per-tenant limiter for Defender calls. */
export class TenantRateLimiter implements Measured {
  private readonly budgets = new Map<string, Budget>();
  private readonly clock: Clock;
  private readonly background: BackgroundShare;
  private sweepAt = SWEEP_MIN;
  /** Each tenant keeps the end times of its calls in the hour: at most its hourly budget. */
  private readonly callTimes: Measured = {
    stats: () => ({
      size: [...this.budgets.values()].reduce((sum, b) => sum + b.done.length, 0),
      bound: this.sweepAt * this.options.perHour,
    }),
  };

  constructor(private readonly options: RateLimitOptions) {
    this.clock = options.clock ?? realClock;
    this.background = new BackgroundShare(options, () => this.clock.now());
    track('limiter tenants', this);
    track('limiter call times', this.callTimes);
  }

  /** Tenants held, against the size that triggers the next sweep of idle ones (twice those active in the hour). */
  stats(): StructureStats {
    return { size: this.budgets.size, bound: this.sweepAt };
  }

  /**
   * Resolves when the tenant's budget allows one more call, with the function to call once that
   * call is done; rejects with `throttled`, or with the signal's reason if it aborts first.
   */
  beforeCall(tenantId: string, signal?: AbortSignal, kind: CallKind = 'user'): Promise<CallDone> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (kind === 'background') return this.backgroundCall(tenantId, signal);
    const budget = this.budget(tenantId);
    const now = this.clock.now();
    const at = this.nextSlot(budget, now);
    if (at <= now && budget.waiters.length === 0) return Promise.resolve(this.start(budget));
    if (at - now > this.options.maxWaitMs || budget.waiters.length >= (this.options.maxQueued ?? 1000)) {
      return Promise.reject(throttled(at - now));
    }
    return new Promise<CallDone>((resolve, reject) => {
      const waiter: Waiter = { at, resolve, reject, signal, cancel: () => undefined, onAbort: () => undefined };
      waiter.onAbort = () => {
        waiter.cancel();
        budget.waiters.splice(budget.waiters.indexOf(waiter), 1);
        waiter.reject(abortReason(signal));
        // The calls behind it move up into the place it gave back.
        this.replan(budget);
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      budget.waiters.push(waiter);
      this.wake(budget, waiter);
    });
  }

  /** Defender said 429: no call for this tenant before `seconds` have passed; waiters move back or are told to retry. */
  pause(tenantId: string, seconds: number | undefined): void {
    const budget = this.budget(tenantId);
    const pauseMs = (seconds ?? this.options.defaultPauseSeconds ?? 10) * 1000;
    budget.pausedUntil = Math.max(budget.pausedUntil, this.clock.now() + pauseMs);
    this.replan(budget);
  }

  /** The gate of one tenant's calls of one kind, for withThrottle (src/http/throttle.ts). */
  gate(tenantId: string, kind: CallKind = 'user'): Gate {
    return {
      beforeCall: (signal) => this.beforeCall(tenantId, signal, kind),
      pause: (seconds) => this.pause(tenantId, seconds),
    };
  }

  /** Calls waiting in a tenant's queue (for tests and metrics). */
  queued(tenantId: string): number {
    return this.budgets.get(tenantId)?.waiters.length ?? 0;
  }

  /** A background call: a place in the tenant's half share first (or `throttled` at once), then the shared queue. */
  private async backgroundCall(tenantId: string, signal?: AbortSignal): Promise<CallDone> {
    const place = this.background.take(tenantId);
    try {
      const done = await this.beforeCall(tenantId, signal);
      place.started();
      return done;
    } catch (err) {
      place.cancel();
      throw err;
    }
  }

  private budget(tenantId: string): Budget {
    let budget = this.budgets.get(tenantId);
    if (!budget) {
      if (this.budgets.size >= this.sweepAt) this.sweep();
      budget = { done: [], inFlight: 0, waiters: [], pausedUntil: 0 };
      this.budgets.set(tenantId, budget);
    }
    return budget;
  }

  /** Forgets tenants with no call in the last hour, none running or waiting, and no pause; runs as the map doubles. */
  private sweep(): void {
    const now = this.clock.now();
    for (const [tenantId, b] of this.budgets) {
      const idle = b.waiters.length === 0 && b.inFlight === 0 && b.pausedUntil <= now;
      if (idle && (b.done.at(-1) ?? 0) <= now - HOUR) this.budgets.delete(tenantId);
    }
    this.sweepAt = Math.max(SWEEP_MIN, this.budgets.size * 2);
  }

  /**
   * The earliest time a call fits both windows, after the first `waiting` waiters: calls done count
   * at their end, calls in flight at `now`, waiters at their booked time.
   */
  private nextSlot(budget: Budget, now: number, waiting = budget.waiters.length): number {
    const margin = this.options.marginMs ?? 1000;
    const done = budget.done;
    let drop = 0;
    while (drop < done.length && done[drop] <= now - HOUR - margin) drop++;
    if (drop > 0) done.splice(0, drop);
    const count = done.length + budget.inFlight + waiting;
    const time = (i: number): number =>
      i < done.length
        ? done[i]
        : i < done.length + budget.inFlight
          ? now
          : Math.max(now, budget.waiters[i - done.length - budget.inFlight].at);
    let at = Math.max(now, budget.pausedUntil, count > 0 ? time(count - 1) : now);
    const { perMinute, perHour } = this.options;
    if (count >= perMinute) at = Math.max(at, time(count - perMinute) + MINUTE + margin);
    if (count >= perHour) at = Math.max(at, time(count - perHour) + HOUR + margin);
    return at;
  }

  /** Books every waiter again, in order, after a pause or a change; those that would now wait too long are told when to retry. */
  private replan(budget: Budget): void {
    const now = this.clock.now();
    const waiters = budget.waiters.splice(0);
    for (const w of waiters) {
      w.cancel();
      const at = this.nextSlot(budget, now);
      if (at - now > this.options.maxWaitMs) {
        w.signal?.removeEventListener('abort', w.onAbort);
        w.reject(throttled(at - now));
        continue;
      }
      w.at = at;
      budget.waiters.push(w);
      this.wake(budget, w);
    }
  }

  /** Sets the waiter's timer (or goes at once when due and first); when it rings, the waiter goes if its turn has come. */
  private wake(budget: Budget, waiter: Waiter): void {
    const fire = (): void => {
      const index = budget.waiters.indexOf(waiter);
      if (index < 0) return;
      // Calls still in flight count as now: the turn may have moved since the timer was set.
      const now = this.clock.now();
      const at = index > 0 ? budget.waiters[0].at : this.nextSlot(budget, now, 0);
      if (index > 0 || at > now) {
        waiter.at = Math.max(at, waiter.at);
        this.wake(budget, waiter);
        return;
      }
      budget.waiters.shift();
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      waiter.resolve(this.start(budget));
    };
    const delay = waiter.at - this.clock.now();
    if (delay <= 0 && budget.waiters[0] === waiter) {
      waiter.cancel = () => undefined;
      fire();
    } else waiter.cancel = this.clock.setTimer(fire, Math.max(0, delay));
  }

  /** A call goes now; the returned function records its end (once) and lets the waiters adjust. */
  private start(budget: Budget): CallDone {
    budget.inFlight++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      budget.inFlight--;
      budget.done.push(this.clock.now());
      if (budget.waiters.length > 0) this.replan(budget);
    };
  }
}
