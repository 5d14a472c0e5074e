/**
 * Exactly-once delivery of alerts. A poll first creates one outbox entry per alert (atomic create,
 * keyed by conversation + software + new snapshot hash, so a re-run of the same poll creates
 * nothing new), then stores the snapshot that lists them as pending. A sender takes each pending
 * entry with a lease, posts it and marks it done; if it dies between posting and marking, the lease
 * expires and that one alert is posted again, once.
 */
import type { Lease, LeaseRecord, Leases } from '../storage/lease';
import type { AppStorage } from '../storage/types';
import type { AlertPayload } from './payload';
import type { OutboxEntry } from './plan';

/** How sending an entry ended: finished (sent, target gone or skipped, failed for good) or to retry later. */
export type SendOutcome = 'sent' | 'gone' | 'skipped' | 'failed' | 'retry';

/** The data kept in an entry's lease record. */
interface EntryData extends Record<string, unknown> {
  tenantId: string;
  conversationId: string;
  softwareId: string;
  payload: AlertPayload;
  createdAt: string;
  outcome?: SendOutcome;
  finishedAt?: string;
}

/** Sends one entry; the outbox records the outcome. */
export type EntrySender = (entry: OutboxEntry) => Promise<SendOutcome>;

/** Step hooks, for tests that crash the process at a chosen point. */
export interface OutboxHooks {
  /** Called after an entry was posted and before it is marked done. */
  readonly afterSend?: (key: string) => void | Promise<void>;
}

/** The outbox on shared storage. */
export class Outbox {
  constructor(
    private readonly store: AppStorage,
    private readonly leases: Leases,
    private readonly options: { leaseMs: number; clock?: () => number; hooks?: OutboxHooks },
  ) {}

  /** Creates the entries that do not exist yet; returns how many this call created. */
  async enqueue(entries: readonly OutboxEntry[]): Promise<number> {
    let created = 0;
    const createdAt = new Date(this.now()).toISOString();
    for (const e of entries) {
      const data: EntryData = {
        tenantId: e.tenantId,
        conversationId: e.conversationId,
        softwareId: e.softwareId,
        payload: e.payload,
        createdAt,
      };
      const record: LeaseRecord = { owner: '', expiresAt: 0, done: false, data };
      if (await this.store.create(e.key, record)) created++;
    }
    return created;
  }

  /**
   * Sends the entries under `keys` that are neither done nor held by another sender. Returns the
   * keys still unfinished (held elsewhere, or to retry).
   */
  async deliver(keys: readonly string[], send: EntrySender): Promise<string[]> {
    const unfinished: string[] = [];
    for (const key of keys) {
      if (!(await this.deliverOne(key, send))) unfinished.push(key);
    }
    return unfinished;
  }

  /** true when the entry is finished (now or before). */
  private async deliverOne(key: string, send: EntrySender): Promise<boolean> {
    const lease = await this.leases.acquire(key, this.options.leaseMs);
    if (!lease) {
      const record = (await this.store.read([key]))[key] as LeaseRecord | undefined;
      return !record || record.done;
    }
    const data = lease.record.data as EntryData | undefined;
    if (!data) return this.finish(lease, 'failed');
    let outcome: SendOutcome;
    try {
      outcome = await send({
        key,
        tenantId: data.tenantId,
        conversationId: data.conversationId,
        softwareId: data.softwareId,
        payload: data.payload,
      });
    } catch (err) {
      // A sender that throws did not post: give the entry back for the next round.
      await this.leases.release(lease);
      throw err;
    }
    if (outcome === 'sent') await this.options.hooks?.afterSend?.(key);
    if (outcome === 'retry') {
      await this.leases.release(lease);
      return false;
    }
    return this.finish(lease, outcome);
  }

  private async finish(lease: Lease, outcome: SendOutcome): Promise<boolean> {
    const data = { ...lease.record.data, outcome, finishedAt: new Date(this.now()).toISOString() };
    await this.leases.release(lease, { done: true, data });
    return true;
  }

  private now(): number {
    return (this.options.clock ?? Date.now)();
  }
}
