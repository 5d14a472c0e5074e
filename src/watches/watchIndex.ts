/**
 * The watch index: one stored document (`watches/index`) listing which conversation watches which
 * software, and the latest changes. Storage has no queries, so every read of "who watches what"
 * reads this one document; every change is an eTag-conditional rewrite of it (see optimistic.ts).
 */
import type { StoreItem } from '../storage/types';
import type { Actor } from '../conversations/types';
import type { WatchRecord } from '../watches/types';

/** The key of the index document. */
export const WATCH_INDEX_KEY = 'watches/index';

/** Changes kept in the index itself (every change is also an `audit/watch/...` item). */
export const HISTORY_LENGTH = 200;

/** Who added a watch, and when. */
export interface WatchEntry {
  readonly by: Actor;
  /** ISO date-time. */
  readonly at: string;
  /** The conversation's tenant (lower case) when it was added. */
  readonly tenant?: string;
}

/** One change of the watch list: who did what, where and when. */
export interface WatchAudit {
  readonly action: 'added' | 'removed';
  readonly softwareId: string;
  readonly conversationId: string;
  readonly actor: Actor;
  /** ISO date-time. */
  readonly at: string;
  /** The conversation's tenant (added watches). */
  readonly tenantId?: string;
}

/** The stored index. */
export interface WatchIndex extends StoreItem {
  /** conversation id → software id → who added it and when. */
  conversations: Record<string, Record<string, WatchEntry>>;
  /** The latest changes, oldest first, at most HISTORY_LENGTH. */
  history: WatchAudit[];
}

/** An empty index. */
export function emptyIndex(): WatchIndex {
  return { conversations: {}, history: [] };
}

/** The watches of one conversation, by software id. */
export function watchesIn(index: WatchIndex, conversationId: string): WatchRecord[] {
  return Object.entries(index.conversations[conversationId] ?? {})
    .map(([softwareId, entry]) => record(conversationId, softwareId, entry))
    .sort((a, b) => (a.softwareId < b.softwareId ? -1 : 1));
}

/** The watches of one software id, in every conversation. */
export function watchesOf(index: WatchIndex, softwareId: string): WatchRecord[] {
  return Object.entries(index.conversations).flatMap(([conversationId, watches]) => {
    const entry = watches[softwareId];
    return entry ? [record(conversationId, softwareId, entry)] : [];
  });
}

/** The index with a watch added and the change recorded. */
export function withWatch(index: WatchIndex, audit: WatchAudit): WatchIndex {
  const watches = { ...index.conversations[audit.conversationId] };
  watches[audit.softwareId] = { by: audit.actor, at: audit.at, ...(audit.tenantId ? { tenant: audit.tenantId } : {}) };
  return {
    conversations: { ...index.conversations, [audit.conversationId]: watches },
    history: appendHistory(index.history, audit),
  };
}

/** The index with a watch removed and the change recorded. */
export function withoutWatch(index: WatchIndex, audit: WatchAudit): WatchIndex {
  const { [audit.softwareId]: _removed, ...watches } = index.conversations[audit.conversationId] ?? {};
  void _removed;
  const { [audit.conversationId]: _old, ...others } = index.conversations;
  void _old;
  return {
    conversations: Object.keys(watches).length > 0 ? { ...others, [audit.conversationId]: watches } : others,
    history: appendHistory(index.history, audit),
  };
}

/** How many watches of a tenant there are, all of them or those one user added. */
export function countWatches(index: WatchIndex, tenantId: string, userId?: string): number {
  let count = 0;
  for (const watches of Object.values(index.conversations)) {
    for (const entry of Object.values(watches)) {
      if (entry.tenant !== tenantId) continue;
      if (userId === undefined || entry.by.aadObjectId?.toLowerCase() === userId) count++;
    }
  }
  return count;
}

function appendHistory(history: readonly WatchAudit[], audit: WatchAudit): WatchAudit[] {
  return [...history, audit].slice(-HISTORY_LENGTH);
}

function record(conversationId: string, softwareId: string, entry: WatchEntry): WatchRecord {
  return {
    softwareId,
    conversationId,
    addedBy: entry.by,
    addedAt: entry.at,
    ...(entry.tenant ? { tenantId: entry.tenant } : {}),
  };
}
