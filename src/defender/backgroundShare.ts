/**
 * Background calls (alert polls and webhook reads, made with the app-only token) may use at most
 * half of a tenant's Defender budget, so users' commands always keep the other half. A background
 * call takes its place in the share before it queues for the shared budget; it is counted from then
 * (as now while it waits, then at the time it really started), so neither the minute nor the hour
 * ever holds more than half of the tenant's calls from background work.
 */
import { AppError } from '../errors';

const MINUTE = 60_000;
const HOUR = 3_600_000;
/** Tenants tracked before idle ones are swept out. */
const SWEEP_MIN = 1000;

/** The limits of the whole budget; the share is half of each. */
export interface ShareLimits {
  readonly perMinute: number;
  readonly perHour: number;
  readonly marginMs?: number;
}

/** One place taken in the share: mark when the call really started, or give the place back. */
export interface SharePlace {
  started(): void;
  cancel(): void;
}

/** The catalogue's `throttled` error, telling the caller when the budget allows a call again. */
export function throttled(waitMs: number): AppError {
  return new AppError('throttled', 'The Defender call budget of this tenant is used up for now', {
    retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
  });
}

/** A background call: when it started (undefined while it waits for the shared budget), or given back. */
interface Place {
  at?: number;
  cancelled: boolean;
}

/** Per-tenant record of the background calls of the last hour. */
export class BackgroundShare {
  private readonly calls = new Map<string, Place[]>();

  constructor(
    private readonly limits: ShareLimits,
    private readonly now: () => number,
  ) {}

  /** Most background calls in a minute and in an hour. */
  get max(): { perMinute: number; perHour: number } {
    return {
      perMinute: Math.max(1, Math.floor(this.limits.perMinute / 2)),
      perHour: Math.max(1, Math.floor(this.limits.perHour / 2)),
    };
  }

  /** Takes a place for one background call of the tenant, or throws `throttled` saying when the share has one. */
  take(tenantId: string): SharePlace {
    const now = this.now();
    const margin = this.limits.marginMs ?? 1000;
    const places = this.current(tenantId, now, margin);
    // Waiting calls count as now; started ones at their start (times ascend: waiting ones last).
    const times = places.map((p) => p.at ?? now).sort((a, b) => a - b);
    const { perMinute, perHour } = this.max;
    let at = now;
    if (times.length >= perHour) at = Math.max(at, times[times.length - perHour] + HOUR + margin);
    const inMinute = times.filter((t) => t > now - MINUTE - margin);
    if (inMinute.length >= perMinute) at = Math.max(at, inMinute[inMinute.length - perMinute] + MINUTE + margin);
    if (at > now) throw throttled(at - now);
    const place: Place = { cancelled: false };
    this.calls.set(tenantId, [...places, place]);
    return {
      started: () => {
        place.at ??= this.now();
      },
      cancel: () => {
        if (place.at === undefined) place.cancelled = true;
      },
    };
  }

  /** Background calls counted for a tenant now (for tests and metrics). */
  used(tenantId: string): number {
    return this.current(tenantId, this.now(), this.limits.marginMs ?? 1000).length;
  }

  /** The tenant's places still inside the hour; sweeps idle tenants as the map grows. */
  private current(tenantId: string, now: number, margin: number): Place[] {
    if (this.calls.size >= SWEEP_MIN && !this.calls.has(tenantId)) {
      for (const [id, list] of this.calls) if (live(list, now, margin).length === 0) this.calls.delete(id);
    }
    const list = live(this.calls.get(tenantId) ?? [], now, margin);
    if (list.length === 0) this.calls.delete(tenantId);
    else this.calls.set(tenantId, list);
    return list;
  }
}

function live(list: Place[], now: number, margin: number): Place[] {
  return list.filter((p) => !p.cancelled && (p.at === undefined || p.at > now - HOUR - margin));
}
