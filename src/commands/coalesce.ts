/**
 * Identical lookups of one user in flight at the same time share one Defender call, so a burst of
 * repeats costs the tenant's budget once. Results are never shared between users: their Defender
 * roles (device groups) differ, so the same software id can give each a different answer.
 */
import type { MissingKbsResult } from '../defender/types';
import type { MissingKbsSource } from './types';
import { track, type Measured, type StructureStats } from '../cache/stats';

/** Runs at most one task per key at a time; callers of a running key share its outcome. */
export class InFlight<T> implements Measured {
  private readonly running = new Map<string, Promise<T>>();

  /** The running task for `key`, or a new one started with `task`. */
  run(key: string, task: () => Promise<T>): Promise<T> {
    const existing = this.running.get(key);
    if (existing) return existing;
    const started = task().finally(() => this.running.delete(key));
    this.running.set(key, started);
    return started;
  }

  /** Keys in flight; no fixed bound: an entry lives while its call runs. */
  stats(): StructureStats {
    return { size: this.running.size };
  }

  /** Keys in flight. */
  get size(): number {
    return this.running.size;
  }
}

/** A source whose concurrent identical requests from one user (tenant, user, software id) make one call. */
export function oneCallPerUser(source: MissingKbsSource): MissingKbsSource {
  const inFlight = track('coalescing map', new InFlight<MissingKbsResult>());
  return (softwareId, request) => {
    // Without a user id nobody can be told apart: no sharing.
    if (!request.userId) return source(softwareId, request);
    const key = [request.tenantId ?? '', request.userId, softwareId].map((s) => s.toLowerCase()).join('\n');
    return inFlight.run(key, () => source(softwareId, request));
  };
}
