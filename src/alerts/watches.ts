/**
 * Who watches what: the WatchList the poller reads, and the watch/unwatch/list operations the
 * commands use. Changes go through the index document with eTag-conditional writes, so two bot
 * instances changing watches at the same moment both keep their change.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../log';
import type { AppStorage, StoreItem } from '../storage/types';
import type { ConversationStore } from './conversations';
import { updateItem, type RetryOptions } from './optimistic';
import type { Actor, CheckResult, WatchList, WatchRecord } from './types';
import {
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

/** What `watch` did. */
export type WatchOutcome =
  | { readonly status: 'added'; readonly watch: WatchRecord; readonly lastCheck?: CheckResult }
  | { readonly status: 'already'; readonly watch: WatchRecord }
  | { readonly status: 'limit'; readonly limit: number };

/** What `unwatch` did. */
export type UnwatchOutcome =
  { readonly status: 'removed'; readonly watch: WatchRecord; readonly at: string } | { readonly status: 'absent' };

/** Settings of the watch store. */
export interface WatchStoreOptions {
  /** Most watches one conversation may have. */
  readonly maxPerConversation: number;
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

  /** Makes a conversation watch a software id, within the per-conversation limit. */
  async watch(conversationId: string, softwareId: string, actor: Actor): Promise<WatchOutcome> {
    const at = this.clock().toISOString();
    const max = this.options.maxPerConversation;
    // Set by the change, which may run again after a lost race: the last run decides.
    const decided: { outcome: WatchOutcome } = { outcome: { status: 'limit', limit: max } };
    await this.changeIndex((index) => {
      const existing = watchesIn(index, conversationId);
      const found = existing.find((w) => w.softwareId === softwareId);
      if (found) decided.outcome = { status: 'already', watch: found };
      else if (existing.length >= max) decided.outcome = { status: 'limit', limit: max };
      else decided.outcome = { status: 'added', watch: { softwareId, conversationId, addedBy: actor, addedAt: at } };
      return decided.outcome.status === 'added'
        ? withWatch(index, { action: 'added', softwareId, conversationId, actor, at })
        : undefined;
    });
    const { outcome } = decided;
    if (outcome.status !== 'added') return outcome;
    await this.audit({ action: 'added', softwareId, conversationId, actor, at });
    return { ...outcome, lastCheck: await this.lastCheck(softwareId) };
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

  /** The watches of a conversation, each with its software's last check. */
  async list(conversationId: string): Promise<ListedWatch[]> {
    const watches = watchesIn(await this.index(), conversationId);
    const checks = await this.store.read(watches.map((w) => checkKey(w.softwareId)));
    return watches.map((watch) => {
      const check = checks[checkKey(watch.softwareId)] as StoredCheck | undefined;
      return check ? { ...watch, lastCheck: withoutETag(check) } : watch;
    });
  }

  /** Every software id that at least one active conversation watches. */
  async watchedSoftware(): Promise<string[]> {
    const index = await this.index();
    const records = await this.conversations.getMany(Object.keys(index.conversations));
    const ids = new Set<string>();
    for (const [conversationId, watches] of Object.entries(index.conversations)) {
      if (records.get(conversationId)?.active) Object.keys(watches).forEach((id) => ids.add(id));
    }
    return [...ids].sort();
  }

  /** The watches of one software id, in every conversation (active or not: check the directory). */
  async watchersOf(softwareId: string): Promise<WatchRecord[]> {
    return watchesOf(await this.index(), softwareId);
  }

  /** Records the outcome of a check, for `/missingkbs watching`. */
  async recordCheck(softwareId: string, result: CheckResult): Promise<void> {
    await this.store.write({ [checkKey(softwareId)]: { ...result } });
  }

  /** The last check of a software id, if any. */
  async lastCheck(softwareId: string): Promise<CheckResult | undefined> {
    const check = (await this.store.read([checkKey(softwareId)]))[checkKey(softwareId)] as StoredCheck | undefined;
    return check && withoutETag(check);
  }

  /** The latest changes (who added or removed what, where, when), oldest first. */
  async history(): Promise<WatchAudit[]> {
    return (await this.index()).history;
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
      userId: entry.actor.aadObjectId ?? null,
    });
  }
}

function checkKey(softwareId: string): string {
  return `watch-check/${softwareId}`;
}

function withoutETag(check: StoredCheck): CheckResult {
  const { eTag: _eTag, ...result } = check;
  void _eTag;
  return result;
}
