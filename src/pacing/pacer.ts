/**
 * A pacer for sends under several sliding windows at once (e.g. per thread and per tenant). A send
 * waits until every window of every scope has room, then counts as happening now while in flight
 * and at its end once done: the receiver counts a send when it arrives, some time after it left,
 * so two sends a window apart by this measure are a window apart at the receiver too.
 * Memory is bounded: each key keeps at most its largest limit of end times, and keys idle for
 * longer than their longest window expire (at most `maxKeys` per scope, least recently used first).
 */
import { abortReason, realClock, type Clock } from '../time';
import { LruCache } from '../cache/lru';
import { track as measured } from '../cache/stats';

/** At most `limit` sends in any `ms` milliseconds. */
export interface RateWindow {
  readonly limit: number;
  readonly ms: number;
}

/** The windows of each scope (the keys of a send name one key per scope). */
export type PacerLimits<S extends string> = Readonly<Record<S, readonly RateWindow[]>>;

/** Marks a send that `acquire` let go as done (once; later calls do nothing). */
export type SendDone = () => void;

/** A send would have to wait longer than the caller allows; `waitMs` says how long. */
export class PacingWaitTooLong extends Error {
  override readonly name = 'PacingWaitTooLong';
  constructor(readonly waitMs: number) {
    super(`the send limits allow no send for ${waitMs} ms`);
  }
}

/** How long a send may wait, and what then. */
export interface AcquireOptions {
  readonly signal?: AbortSignal;
  readonly maxWaitMs?: number;
  /** Past `maxWaitMs`: 'reject' (default) with PacingWaitTooLong, or 'go' anyway. */
  readonly overflow?: 'reject' | 'go';
}

/** One key's sends: end times (ascending) and sends in flight. */
interface Track {
  readonly done: number[];
  inFlight: number;
}

/** Keys of one scope and its windows. */
interface Scope {
  readonly windows: readonly RateWindow[];
  readonly longestMs: number;
  readonly largestLimit: number;
  readonly tracks: LruCache<string, Track>;
}

/** Paces sends per key of every scope. */
export class Pacer<S extends string> {
  private readonly scopes: ReadonlyMap<S, Scope>;
  private readonly clock: Clock;

  constructor(limits: PacerLimits<S>, options: { readonly clock?: Clock; readonly maxKeys?: number } = {}) {
    this.clock = options.clock ?? realClock;
    const clock = this.clock;
    const entries = (Object.entries(limits) as [S, readonly RateWindow[]][]).map(([name, windows]): [S, Scope] => [
      name,
      {
        windows,
        longestMs: Math.max(0, ...windows.map((w) => w.ms)),
        largestLimit: Math.max(0, ...windows.map((w) => w.limit)),
        tracks: measured(
          `send pacing keys (${name})`,
          new LruCache<string, Track>(options.maxKeys ?? 10_000, () => clock.now()),
        ),
      },
    ]);
    this.scopes = new Map(entries);
  }

  /** Milliseconds until a send under `keys` fits every window (0: now). */
  delay(keys: Readonly<Record<S, string>>): number {
    const now = this.clock.now();
    let at = now;
    for (const [name, scope] of this.scopes) {
      const track = this.track(scope, keys[name], now);
      const count = track.done.length + track.inFlight;
      const time = (i: number): number => (i < track.done.length ? track.done[i] : now);
      for (const w of scope.windows) {
        if (count >= w.limit) at = Math.max(at, time(count - w.limit) + w.ms);
      }
    }
    return at - now;
  }

  /**
   * Waits until a send under `keys` fits, marks it in flight and returns how to mark it done.
   * When the wait would pass `maxWaitMs`, rejects with PacingWaitTooLong, or with `overflow: 'go'`
   * lets the send go at once (still counted); rejects with the signal's reason when it aborts.
   */
  async acquire(keys: Readonly<Record<S, string>>, options: AcquireOptions = {}): Promise<SendDone> {
    const start = this.clock.now();
    for (;;) {
      if (options.signal?.aborted) throw abortReason(options.signal);
      const wait = this.delay(keys);
      if (wait <= 0) return this.begin(keys);
      const waited = this.clock.now() - start;
      if (options.maxWaitMs !== undefined && waited + wait > options.maxWaitMs) {
        if (options.overflow === 'go') return this.begin(keys);
        throw new PacingWaitTooLong(wait);
      }
      // Others may take the slot first: the loop checks again when the timer rings.
      await this.sleep(wait, options.signal);
    }
  }

  /** Keys tracked in a scope (idle ones included until they expire or are evicted). */
  size(scope: S): number {
    return this.scopes.get(scope)?.tracks.size ?? 0;
  }

  private begin(keys: Readonly<Record<S, string>>): SendDone {
    const now = this.clock.now();
    const held: [Scope, string, Track][] = [];
    for (const [name, scope] of this.scopes) {
      const track = this.track(scope, keys[name], now);
      track.inFlight++;
      // A send in flight keeps its key however long it lasts.
      scope.tracks.set(keys[name], track, Infinity);
      held.push([scope, keys[name], track]);
    }
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      const end = this.clock.now();
      for (const [scope, key, track] of held) {
        track.inFlight--;
        track.done.push(end);
        if (track.done.length > scope.largestLimit) track.done.splice(0, track.done.length - scope.largestLimit);
        if (track.inFlight === 0) scope.tracks.set(key, track, end + scope.longestMs);
      }
    };
  }

  /** The key's track with end times older than the longest window dropped (a new one if none). */
  private track(scope: Scope, key: string, now: number): Track {
    const track = scope.tracks.get(key);
    if (!track) {
      const fresh: Track = { done: [], inFlight: 0 };
      scope.tracks.set(key, fresh, now + scope.longestMs);
      return fresh;
    }
    let drop = 0;
    while (drop < track.done.length && track.done[drop] <= now - scope.longestMs) drop++;
    if (drop > 0) track.done.splice(0, drop);
    return track;
  }

  private sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        cancel();
        reject(abortReason(signal));
      };
      const cancel = this.clock.setTimer(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}
