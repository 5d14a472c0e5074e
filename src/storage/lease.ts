/**
 * Leases: a time-bound claim on a key, taken with an atomic create or an eTag-conditional write, so
 * that of several bot instances sharing one store exactly one does a piece of work (a poll, an
 * alert). A holder that dies loses its lease when it expires; the work is then redone once.
 */
import { isConflict } from './items';
import type { AppStorage, StoreItem } from './types';

/** The stored form of a lease. `done` leases are never taken again. */
export interface LeaseRecord extends StoreItem {
  owner: string;
  /** Epoch ms after which another owner may take the lease. */
  expiresAt: number;
  done: boolean;
  /** Free data kept with the lease (e.g. when a poll last ran). */
  data?: Record<string, unknown>;
}

/** A lease held by this owner. */
export interface Lease {
  readonly key: string;
  readonly record: LeaseRecord;
  readonly eTag: string;
}

/** Whether a free (expired or released) lease may be taken now, judged from its record. */
export type LeaseCondition = (record: LeaseRecord | undefined, now: number) => boolean;

/** Takes and gives back leases for one owner (one bot instance). */
export class Leases {
  constructor(
    private readonly store: AppStorage,
    readonly owner: string,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Takes `key` for `ttlMs` unless it is done, held by another owner, or `when` says not yet. */
  async acquire(key: string, ttlMs: number, when?: LeaseCondition): Promise<Lease | undefined> {
    const now = this.clock();
    const current = (await this.store.read([key]))[key] as LeaseRecord | undefined;
    if (current?.done) return undefined;
    if (current && current.owner !== this.owner && current.expiresAt > now) return undefined;
    if (when && !when(current, now)) return undefined;
    const record: LeaseRecord = { owner: this.owner, expiresAt: now + ttlMs, done: false, data: current?.data };
    if (!current) {
      if (!(await this.store.create(key, record))) return undefined;
    } else if (!(await this.conditionalWrite(key, { ...record, eTag: current.eTag }))) {
      return undefined;
    }
    return this.held(key);
  }

  /** Gives the lease back: `done` retires it for good; `data` is kept for the next holder. */
  async release(lease: Lease, outcome: { done?: boolean; data?: Record<string, unknown> } = {}): Promise<boolean> {
    const record: LeaseRecord = {
      owner: this.owner,
      expiresAt: 0,
      done: outcome.done ?? false,
      data: outcome.data ?? lease.record.data,
    };
    return this.conditionalWrite(lease.key, { ...record, eTag: lease.eTag });
  }

  private async held(key: string): Promise<Lease | undefined> {
    const record = (await this.store.read([key]))[key] as LeaseRecord | undefined;
    if (!record?.eTag || record.owner !== this.owner) return undefined;
    return { key, record, eTag: record.eTag };
  }

  /** false when another writer changed the item since it was read. */
  private async conditionalWrite(key: string, item: LeaseRecord): Promise<boolean> {
    try {
      await this.store.write({ [key]: item });
      return true;
    } catch (err) {
      if (isConflict(err)) return false;
      throw err;
    }
  }
}
