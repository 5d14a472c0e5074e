/** What one poll of a software id must do: the next snapshot and the alerts to queue. Pure. */
import type { MissingKbsResult } from '../defender/types';
import { baselineState, diffKbs, type KbDiff } from './diff';
import { changePayload, statePayload, type AlertPayload } from './payload';
import { chainHash, digest, type SnapshotRecord } from './snapshots';
import { targetKey, type PollTarget } from '../watches/target';

/** An active conversation watching the id, and since when. */
export interface Watcher {
  readonly conversationId: string;
  readonly addedAt: string;
}

/** One alert for one conversation, as queued in the outbox; `tenantId`: whose app-only token read it. */
export interface OutboxEntry {
  readonly key: string;
  readonly tenantId: string;
  readonly conversationId: string;
  readonly softwareId: string;
  readonly payload: AlertPayload;
}

/** The plan of a poll. `snapshot` is undefined when nothing changed or the read is stale (no write, no alert). */
export interface PollPlan {
  readonly snapshot?: SnapshotRecord;
  readonly entries: readonly OutboxEntry[];
  readonly diff?: KbDiff;
}

/** The outbox key of an alert: tenant + software + the new snapshot's hash + conversation. */
export function outboxKey(conversationId: string, target: PollTarget, snapshotHash: string): string {
  return `alerts/outbox/${targetKey(target)}/${snapshotHash.slice(0, 32)}/${digest(conversationId, 24)}`;
}

/**
 * Compares the result, read in `tenantId` for watchers of that tenant only, with the previous snapshot. Watchers that have not had a summary of this id
 * (first poll, or a watch added since) get one; the others get a change alert when the diff says so.
 */
export function planPoll(
  tenantId: string,
  previous: SnapshotRecord | undefined,
  result: MissingKbsResult,
  watchers: readonly Watcher[],
  minDelta: number,
  checkedAt: string,
): PollPlan {
  // A read older than the stored snapshot (another instance polled meanwhile) must not roll it back.
  if (previous && previous.takenAt > checkedAt) return { entries: [] };
  const diff = previous ? diffKbs(previous, result, minDelta) : undefined;
  const state = diff ? diff.next : baselineState(result);
  const welcomed: Record<string, string> = {};
  for (const w of watchers) welcomed[w.conversationId] = w.addedAt;
  const hash = chainHash(previous?.hash, result.softwareId, state, welcomed);
  if (previous && chainHash(previous.hash, result.softwareId, previous, previous.welcomed) === hash) {
    return { entries: [], diff };
  }
  const entries: OutboxEntry[] = [];
  let summary: AlertPayload | undefined;
  let change: AlertPayload | undefined;
  for (const w of watchers) {
    const isNew = previous?.welcomed[w.conversationId] !== w.addedAt;
    let payload: AlertPayload | undefined;
    if (isNew) payload = summary ??= statePayload('baseline', result, checkedAt);
    else if (diff?.alert) payload = change ??= changePayload(diff, result, checkedAt);
    if (!payload) continue;
    const key = outboxKey(w.conversationId, { tenantId, softwareId: result.softwareId }, hash);
    entries.push({ key, tenantId, conversationId: w.conversationId, softwareId: result.softwareId, payload });
  }
  const pending = [...new Set([...(previous?.pending ?? []), ...entries.map((e) => e.key)])];
  const snapshot: SnapshotRecord = {
    tenantId,
    softwareId: result.softwareId,
    hash,
    takenAt: checkedAt,
    kbs: state.kbs,
    resolved: state.resolved,
    welcomed,
    pending,
  };
  return { snapshot, entries, diff };
}
