/**
 * One poll of one watched software id in one tenant, with that tenant's app-only token, for that
 * tenant's conversations only; safe with several bot instances on one store: a lease per target and
 * round picks the instance; the outbox and the eTag-conditional snapshot write make each
 * alert reach each conversation once.
 */
import type { MissingKbsResult } from '../defender/types';
import { toAppError } from '../errors';
import type { Logger } from '../log';
import { Leases } from '../storage/lease';
import type { AppStorage } from '../storage/types';
import { alertSender, type DeliveryRetry } from './delivery';
import { Outbox, type OutboxHooks } from './outbox';
import { planPoll, type Watcher } from './plan';
import { SnapshotStore } from './snapshots';
import { targetKey } from '../watches/target';
import { tenantOf } from '../conversations/tenant';
import type { ConversationDirectory } from '../conversations/types';
import type { PostToConversation } from './types';
import type { WatchList } from '../watches/types';
import type { PollTarget } from '../watches/target';

/** Missing KBs of a software id read with the app-only token issued by `tenantId` (rate limiter included). */
export type AppOnlySource = (tenantId: string, softwareId: string, signal?: AbortSignal) => Promise<MissingKbsResult>;

/** What the engine works with. */
export interface AlertEngineOptions {
  readonly store: AppStorage;
  /** This instance's name in leases. */
  readonly owner: string;
  readonly watches: WatchList;
  readonly conversations: ConversationDirectory;
  readonly post: PostToConversation;
  readonly source: AppOnlySource;
  /** ALERT_MIN_DEVICE_DELTA. */
  readonly minDeviceDelta: number;
  /** ALERT_POLL_MINUTES in ms: an id polled less than 80% of it ago is not polled again. */
  readonly intervalMs: number;
  readonly logger: Logger;
  readonly clock?: () => number;
  /** How long a poll may hold its id. Default 10 min. */
  readonly pollLeaseMs?: number;
  /** How long a sender may hold an entry before another instance resends it. Default 2 min. */
  readonly sendLeaseMs?: number;
  readonly delivery?: DeliveryRetry;
  /** The tenant of conversations Teams gave none for (demo mode only). */
  readonly fallbackTenantId?: string;
  /** Test hooks: crash points. */
  readonly hooks?: OutboxHooks & { readonly afterEnqueue?: (softwareId: string) => void | Promise<void> };
}

/** The outcome of one pollOne call. */
export interface PollResult {
  /** false when another instance holds the id or polled it this round. */
  readonly polled: boolean;
  /** Seconds Defender asked us to wait (429), if it did. */
  readonly throttledSeconds?: number;
}

/** Polls ids and delivers their alerts. */
export class AlertEngine {
  private readonly leases: Leases;
  private readonly snapshots: SnapshotStore;
  private readonly outbox: Outbox;
  private readonly send: ReturnType<typeof alertSender>;

  constructor(private readonly options: AlertEngineOptions) {
    const clock = options.clock ?? Date.now;
    this.leases = new Leases(options.store, options.owner, clock);
    this.snapshots = new SnapshotStore(options.store);
    this.outbox = new Outbox(options.store, this.leases, {
      leaseMs: options.sendLeaseMs ?? 120_000,
      clock,
      hooks: options.hooks,
    });
    this.send = alertSender(
      options.conversations,
      options.post,
      options.logger,
      options.delivery,
      options.fallbackTenantId,
    );
  }

  /** Polls one id in one tenant if no instance did this round: fetch, compare, queue alerts, store, deliver. */
  async pollOne(target: PollTarget, signal?: AbortSignal): Promise<PollResult> {
    const { options } = this;
    const { tenantId, softwareId } = target;
    const now = this.now();
    const lease = await this.leases.acquire(
      `alerts/poll/${targetKey(target)}`,
      options.pollLeaseMs ?? 600_000,
      (record, at) => {
        const last = record?.data?.polledAt;
        return typeof last !== 'number' || at - last >= options.intervalMs * 0.8;
      },
    );
    if (!lease) return { polled: false };
    const log = options.logger.child({ tenantId, softwareId });
    let throttledSeconds: number | undefined;
    try {
      const checkedAt = new Date(now).toISOString();
      let result: MissingKbsResult | undefined;
      try {
        result = await options.source(tenantId, softwareId, signal);
      } catch (err) {
        const error = toAppError(err);
        if (error.code === 'throttled') throttledSeconds = error.details.retryAfterSeconds ?? 60;
        log.warn('alerts.check_failed', { errorCode: error.code, status: error.details.status });
        await options.watches.recordCheck(target, { checkedAt, ok: false, errorCode: error.code });
      }
      if (result) {
        await options.watches.recordCheck(target, { checkedAt, ok: true, kbs: result.kbs.length });
        await this.compare(tenantId, result, checkedAt, log);
      }
      await this.deliverPending(target, signal);
    } finally {
      await this.leases.release(lease, { data: { polledAt: now } });
    }
    return { polled: true, throttledSeconds };
  }

  /** Sends what is pending for an id in a tenant, then drops the finished entries from the snapshot's list. */
  async deliverPending(target: PollTarget, signal?: AbortSignal): Promise<void> {
    const snapshot = await this.snapshots.read(target);
    if (!snapshot || snapshot.pending.length === 0) return;
    const unfinished = new Set(await this.outbox.deliver(snapshot.pending, (entry) => this.send(entry, signal)));
    const finished = new Set(snapshot.pending.filter((key) => !unfinished.has(key)));
    if (finished.size === 0) return;
    const fresh = await this.snapshots.read(target);
    if (!fresh) return;
    // A lost race only leaves finished keys listed; the next round drops them.
    await this.snapshots.replace(fresh, { ...fresh, pending: fresh.pending.filter((key) => !finished.has(key)) });
  }

  private async compare(tenantId: string, result: MissingKbsResult, checkedAt: string, log: Logger): Promise<void> {
    const { options } = this;
    const target = { tenantId, softwareId: result.softwareId };
    const previous = await this.snapshots.read(target);
    const plan = planPoll(
      tenantId,
      previous,
      result,
      await this.activeWatchers(target),
      options.minDeviceDelta,
      checkedAt,
    );
    if (!plan.snapshot) return;
    const created = await this.outbox.enqueue(plan.entries);
    await options.hooks?.afterEnqueue?.(result.softwareId);
    const stored = await this.snapshots.replace(previous, plan.snapshot);
    log.info(stored ? 'alerts.snapshot_stored' : 'alerts.snapshot_conflict', {
      kbs: result.kbs.length,
      alerts: plan.entries.length,
      created,
      newKbs: plan.diff?.newKbs.length,
      grownKbs: plan.diff?.grown.length,
      resolvedKbs: plan.diff?.resolved.length,
    });
  }

  /** The active conversations of the target's tenant that watch its id. */
  private async activeWatchers(target: PollTarget): Promise<Watcher[]> {
    const watchers = new Map<string, Watcher>();
    for (const w of await this.options.watches.watchersOf(target.softwareId)) {
      if (watchers.has(w.conversationId)) continue;
      const record = await this.options.conversations.get(w.conversationId);
      if (!record?.active || tenantOf(record, this.options.fallbackTenantId) !== target.tenantId) continue;
      watchers.set(w.conversationId, { conversationId: w.conversationId, addedAt: w.addedAt });
    }
    return [...watchers.values()];
  }

  private now(): number {
    return (this.options.clock ?? Date.now)();
  }
}
