/**
 * Who watches what: the WatchList the poller reads, and the watch/unwatch/list operations the
 * commands use. Changes go through the index document with eTag-conditional writes, so two bot
 * instances changing watches at the same moment both keep their change.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../log';
import type { AppStorage, StoreItem } from '../storage/types';
import type { ConversationStore } from '../conversations/store';
import { updateItem, type RetryOptions } from '../storage/optimistic';
import { tenantOf } from '../conversations/tenant';
import { targetKey, type PollTarget } from './target';
import type { Actor } from '../conversations/types';
import type { CheckResult, WatchList, WatchRecord } from '../watches/types';
import {
  countWatches,
  emptyIndex,
  WATCH_INDEX_KEY,
  watchesIn,
  watchesOf,
  withoutWatch,
  withWatch,
  type WatchAudit,
  type WatchIndex,
} from './watchIndex';

/** A watch with the outcome of the last check of its software. */
export interface ListedWatch extends WatchRecord {
  readonly lastCheck?: CheckResult;
}

/** Which cap a refused watch met: the conversation's list, the tenant's, or the asker's own. */
export type WatchLimitScope = 'conversation' | 'tenant' | 'user';

/** What `watch` did. */
export type WatchOutcome =
  | { readonly status: 'added'; readonly watch: WatchRecord; readonly lastCheck?: CheckResult }
  | { readonly status: 'already'; readonly watch: WatchRecord }
  | { readonly status: 'limit'; readonly limit: number; readonly scope: WatchLimitScope };

/** What `unwatch` did. */
export type UnwatchOutcome =
  { readonly status: 'removed'; readonly watch: WatchRecord; readonly at: string } | { readonly status: 'absent' };

/** Settings of the watch store. */
export interface WatchStoreOptions {
  /** Most watches one conversation may have. */
  readonly maxPerConversation: number;
  /** Most watches in all conversations of one tenant (ALERT_MAX_WATCHES_PER_TENANT). */
  readonly maxPerTenant?: number;
  /** Most watches one user may have added in their tenant (ALERT_MAX_WATCHES_PER_USER). */
  readonly maxPerUser?: number;
  /** The tenant of conversations Teams gave none for (demo mode only). */
  readonly fallbackTenantId?: string;
  readonly clock?: () => Date;
  readonly retry?: RetryOptions;
}

type StoredCheck = CheckResult & StoreItem;

/** Watches in storage; implements the poller's WatchList. */
export class WatchStore implements WatchList {
  private readonly clock: () => Date;

  constructor(
    private readonly store: AppStorage,
    private readonly conversations: ConversationStore,
    private readonly logger: Logger,
    private readonly options: WatchStoreOptions,
  ) {
    this.clock = options.clock ?? (() => new Date());
  }

  /**
   * Makes a conversation of `tenantId` watch a software id, within the caps of the conversation, the
   * tenant and the asker. `confirm` (the asker's own read of the id) runs once the caps allow the watch
   * and before it is stored; what it throws refuses the watch.
   */
  async watch(
    conversationId: string,
    softwareId: string,
    actor: Actor,
    tenantId: string,
    confirm: () => Promise<void> = () => Promise.resolve(),
  ): Promise<WatchOutcome> {
    const at = this.clock().toISOString();
    const tenant = tenantId.toLowerCase();
    const decide = (index: WatchIndex): WatchOutcome =>
      this.decide(index, conversationId, softwareId, actor, tenant, at);
    const early = decide(await this.index());
    if (early.status !== 'added') return early;
    await confirm();
    // Set by the change, which may run again after a lost race: the last run decides.
    const decided: { outcome: WatchOutcome } = { outcome: early };
    await this.changeIndex((index) => {
      decided.outcome = decide(index);
      return decided.outcome.status === 'added'
        ? withWatch(index, { action: 'added', softwareId, conversationId, actor, at, tenantId: tenant })
        : undefined;
    });
    const { outcome } = decided;
    if (outcome.status !== 'added') return outcome;
    await this.audit({ action: 'added', softwareId, conversationId, actor, at, tenantId: tenant });
    return { ...outcome, lastCheck: await this.lastCheck({ tenantId: tenant, softwareId }) };
  }

  /** Stops a conversation watching a software id. */
  async unwatch(conversationId: string, softwareId: string, actor: Actor): Promise<UnwatchOutcome> {
    const at = this.clock().toISOString();
    let removed: WatchRecord | undefined;
    await this.changeIndex((index) => {
      removed = watchesIn(index, conversationId).find((w) => w.softwareId === softwareId);
      return removed && withoutWatch(index, { action: 'removed', softwareId, conversationId, actor, at });
    });
    if (!removed) return { status: 'absent' };
    await this.audit({ action: 'removed', softwareId, conversationId, actor, at });
    return { status: 'removed', watch: removed, at };
  }

  /** The watches of a conversation of `tenantId`, each with its software's last check in that tenant. */
  async list(conversationId: string, tenantId: string | undefined): Promise<ListedWatch[]> {
    const watches = watchesIn(await this.index(), conversationId);
    if (!tenantId) return watches;
    const key = (softwareId: string): string => checkKey({ tenantId: tenantId.toLowerCase(), softwareId });
    const checks = await this.store.read(watches.map((w) => key(w.softwareId)));
    return watches.map((watch) => {
      const check = checks[key(watch.softwareId)] as StoredCheck | undefined;
      return check ? { ...watch, lastCheck: withoutETag(check) } : watch;
    });
  }

  /** Every software id that at least one active conversation watches, once per tenant (by tenant, then id). */
  async watchedSoftware(): Promise<PollTarget[]> {
    const index = await this.index();
    const records = await this.conversations.getMany(Object.keys(index.conversations));
    const targets = new Map<string, PollTarget>();
    for (const [conversationId, watches] of Object.entries(index.conversations)) {
      const record = records.get(conversationId);
      const tenantId = tenantOf(record, this.options.fallbackTenantId);
      if (!record?.active || !tenantId) continue;
      for (const softwareId of Object.keys(watches)) {
        const target = { tenantId, softwareId };
        targets.set(targetKey(target), target);
      }
    }
    return [...targets.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, target]) => target);
  }

  /** The watches of one software id, in every conversation (active or not: check the directory). */
  async watchersOf(softwareId: string): Promise<WatchRecord[]> {
    return watchesOf(await this.index(), softwareId);
  }

  /** Records the outcome of a check in one tenant, for `/missingkbs watching` there. */
  async recordCheck(target: PollTarget, result: CheckResult): Promise<void> {
    await this.store.write({ [checkKey(target)]: { ...result } });
  }

  /** The last check of a software id in one tenant, if any. */
  async lastCheck(target: PollTarget): Promise<CheckResult | undefined> {
    const check = (await this.store.read([checkKey(target)]))[checkKey(target)] as StoredCheck | undefined;
    return check && withoutETag(check);
  }

  /** The latest changes (who added or removed what, where, when), oldest first. */
  async history(): Promise<WatchAudit[]> {
    return (await this.index()).history;
  }

  /** Whether a watch may be added now, and if not why; the caps are checked in order: conversation, tenant, user. */
  private decide(
    index: WatchIndex,
    conversationId: string,
    softwareId: string,
    actor: Actor,
    tenant: string,
    at: string,
  ): WatchOutcome {
    const existing = watchesIn(index, conversationId);
    const found = existing.find((w) => w.softwareId === softwareId);
    if (found) return { status: 'already', watch: found };
    const { maxPerConversation, maxPerTenant, maxPerUser } = this.options;
    if (existing.length >= maxPerConversation)
      return { status: 'limit', limit: maxPerConversation, scope: 'conversation' };
    if (maxPerTenant !== undefined && countWatches(index, tenant) >= maxPerTenant)
      return { status: 'limit', limit: maxPerTenant, scope: 'tenant' };
    const userId = actor.aadObjectId?.toLowerCase();
    if (maxPerUser !== undefined && userId && countWatches(index, tenant, userId) >= maxPerUser)
      return { status: 'limit', limit: maxPerUser, scope: 'user' };
    return { status: 'added', watch: { softwareId, conversationId, addedBy: actor, addedAt: at, tenantId: tenant } };
  }

  private async index(): Promise<WatchIndex> {
    const stored = (await this.store.read([WATCH_INDEX_KEY]))[WATCH_INDEX_KEY] as WatchIndex | undefined;
    return stored ?? emptyIndex();
  }

  private async changeIndex(change: (index: WatchIndex) => WatchIndex | undefined): Promise<void> {
    await updateItem<WatchIndex>(
      this.store,
      WATCH_INDEX_KEY,
      (index) => change(index ?? emptyIndex()),
      this.options.retry,
    );
  }

  /** Keeps the change for good (the index keeps only the latest) and logs it, with ids only. */
  private async audit(entry: WatchAudit): Promise<void> {
    await this.store.create(`audit/watch/${entry.at}-${randomUUID()}`, { ...entry });
    this.logger.info(entry.action === 'added' ? 'alerts.watch_added' : 'alerts.watch_removed', {
      softwareId: entry.softwareId,
      conversationId: entry.conversationId,
      tenantId: entry.tenantId ?? null,
      userId: entry.actor.aadObjectId ?? null,
    });
  }
}

function checkKey(target: PollTarget): string {
  return `watch-check/${targetKey(target)}`;
}

function withoutETag(check: StoredCheck): CheckResult {
  const { eTag: _eTag, ...result } = check;
  void _eTag;
  return result;
}
