/**
 * Defender's rate limits (100 calls a minute and 1,500 an hour) apply per application and tenant:
 * one budget per tenant, shared by every call made for it (users' commands, the alerts poller).
 * A call beyond the budget waits its turn in the tenant's queue, first come first served; a call
 * that would wait longer than `maxWaitMs` fails at once with `throttled`, saying when to retry.
 * A 429 from Defender pauses the tenant's budget for its Retry-After.
 */
import { AppError } from '../errors';
import { parseRetryAfter } from './retry';
import type { FetchLike } from './types';

/** Time as the limiter sees it; tests use fake timers, the benchmark a compressed clock. */
export interface Clock {
  now(): number;
  /** Runs `fn` after `ms`; returns how to cancel it. */
  setTimer(fn: () => void, ms: number): () => void;
}

/** The wall clock. */
export const realClock: Clock = {
  now: () => Date.now(),
  setTimer: (fn, ms) => {
    const timer = setTimeout(fn, ms);
    return () => clearTimeout(timer);
  },
};

/** Budget and queue bounds of every tenant. */
export interface RateLimitOptions {
  readonly perMinute: number;
  readonly perHour: number;
  /** Longest a call may wait for its turn; beyond it the caller is told when to retry. */
  readonly maxWaitMs: number;
  /** Calls waiting in one tenant's queue at most (the wait bound usually binds first). Default 1,000. */
  readonly maxQueued?: number;
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
  resolve: () => void;
  reject: (err: Error) => void;
  signal?: AbortSignal;
  onAbort: () => void;
}

/** One tenant's state: times of calls made or booked (ascending), waiters, and a pause. */
interface Budget {
  calls: number[];
  waiters: Waiter[];
  pausedUntil: number;
}

/** The per-tenant limiter for Defender calls. */
export class TenantRateLimiter {
  private readonly budgets = new Map<string, Budget>();
  private readonly clock: Clock;
  private sweepAt = SWEEP_MIN;

  constructor(private readonly options: RateLimitOptions) {
    this.clock = options.clock ?? realClock;
  }

  /** Resolves when the tenant's budget allows one more call (booking it); rejects with `throttled` or the signal's reason. */
  beforeCall(tenantId: string, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(reasonOf(signal));
    const budget = this.budget(tenantId);
    const now = this.clock.now();
    const at = this.nextSlot(budget, now);
    if (at <= now && budget.waiters.length === 0) {
      budget.calls.push(now);
      return Promise.resolve();
    }
    if (at - now > this.options.maxWaitMs || budget.waiters.length >= this.maxQueued) {
      return Promise.reject(throttled(at - now));
    }
    return new Promise<void>((resolve, reject) => this.enqueue(budget, at, { resolve, reject, signal }));
  }

  /** Defender said 429: no call for this tenant before `seconds` have passed; waiters move back or are told to retry. */
  pause(tenantId: string, seconds: number | undefined): void {
    const budget = this.budget(tenantId);
    const now = this.clock.now();
    const pauseMs = (seconds ?? this.options.defaultPauseSeconds ?? 10) * 1000;
    budget.pausedUntil = Math.max(budget.pausedUntil, now + pauseMs);
    this.replan(budget);
  }

  /** `fetch` for one tenant's calls: each request waits for the budget; a 429 pauses it. */
  limitedFetch(tenantId: string, fetch: FetchLike): FetchLike {
    return async (input, init) => {
      await this.beforeCall(tenantId, init?.signal ?? undefined);
      const response = await fetch(input, init);
      if (response.status === 429) this.pause(tenantId, parseRetryAfter(response.headers.get('retry-after')));
      return response;
    };
  }

  /** Calls waiting in a tenant's queue (for tests and metrics). */
  queued(tenantId: string): number {
    return this.budgets.get(tenantId)?.waiters.length ?? 0;
  }

  private get maxQueued(): number {
    return this.options.maxQueued ?? 1000;
  }

  private budget(tenantId: string): Budget {
    let budget = this.budgets.get(tenantId);
    if (!budget) {
      if (this.budgets.size >= this.sweepAt) this.sweep();
      budget = { calls: [], waiters: [], pausedUntil: 0 };
      this.budgets.set(tenantId, budget);
    }
    return budget;
  }

  /** The earliest time a new call fits both windows, after every call already booked and any pause. */
  private nextSlot(budget: Budget, now: number): number {
    const calls = budget.calls;
    let drop = 0;
    while (drop < calls.length && calls[drop] <= now - HOUR) drop++;
    if (drop > 0) calls.splice(0, drop);
    let at = Math.max(now, budget.pausedUntil, calls.at(-1) ?? now);
    const { perMinute, perHour } = this.options;
    if (calls.length >= perMinute) at = Math.max(at, calls[calls.length - perMinute] + MINUTE);
    if (calls.length >= perHour) at = Math.max(at, calls[calls.length - perHour] + HOUR);
    return at;
  }

  /** Forgets tenants with no call in the last hour, no waiter and no pause; runs as the map doubles. */
  private sweep(): void {
    const now = this.clock.now();
    for (const [tenantId, b] of this.budgets) {
      const idle = b.waiters.length === 0 && b.pausedUntil <= now && (b.calls.at(-1) ?? 0) <= now - HOUR;
      if (idle) this.budgets.delete(tenantId);
    }
    this.sweepAt = Math.max(SWEEP_MIN, this.budgets.size * 2);
  }

  private enqueue(
    budget: Budget,
    at: number,
    handlers: { resolve: () => void; reject: (err: Error) => void; signal?: AbortSignal },
  ): void {
    const waiter: Waiter = { ...handlers, at, cancel: () => undefined, onAbort: () => undefined };
    waiter.onAbort = () => {
      waiter.cancel();
      const index = budget.waiters.indexOf(waiter);
      if (index >= 0) budget.waiters.splice(index, 1);
      unbook(budget, waiter.at);
      waiter.reject(reasonOf(waiter.signal));
      // The calls behind it move up into the slot it gave back.
      this.replan(budget);
    };
    waiter.signal?.addEventListener('abort', waiter.onAbort, { once: true });
    this.book(budget, waiter, at);
  }

  /** Books every waiter again, in order, after a pause or a withdrawal; those that would now wait too long are told when to retry. */
  private replan(budget: Budget): void {
    const now = this.clock.now();
    const waiters = budget.waiters.splice(0);
    for (const w of waiters) {
      w.cancel();
      unbook(budget, w.at);
    }
    for (const w of waiters) {
      const at = this.nextSlot(budget, now);
      if (at - now > this.options.maxWaitMs) {
        w.signal?.removeEventListener('abort', w.onAbort);
        w.reject(throttled(at - now));
      } else this.book(budget, w, at);
    }
  }

  /** Books the call at `at` and wakes the waiter then. */
  private book(budget: Budget, waiter: Waiter, at: number): void {
    waiter.at = at;
    budget.calls.push(at);
    budget.waiters.push(waiter);
    waiter.cancel = this.clock.setTimer(
      () => {
        const index = budget.waiters.indexOf(waiter);
        if (index >= 0) budget.waiters.splice(index, 1);
        waiter.signal?.removeEventListener('abort', waiter.onAbort);
        waiter.resolve();
      },
      Math.max(0, at - this.clock.now()),
    );
  }
}

/** Removes one booked time (a call that will not be made). */
function unbook(budget: Budget, at: number): void {
  const index = budget.calls.lastIndexOf(at);
  if (index >= 0) budget.calls.splice(index, 1);
}

/** The catalogue's `throttled` error, telling the user when the budget allows a call again. */
function throttled(waitMs: number): AppError {
  return new AppError('throttled', 'The Defender call budget of this tenant is used up for now', {
    retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
  });
}

function reasonOf(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  return reason instanceof Error ? reason : new Error('aborted');
}
