/** The last stored state of each watched software id, written with eTag-conditional writes. */
import { createHash } from 'node:crypto';
import { isConflict } from '../storage/items';
import type { AppStorage, StoreItem } from '../storage/types';
import type { KbState } from './diff';
import { targetKey, type PollTarget } from '../watches/target';

/** The stored snapshot of one software id in one tenant. Key: `alerts/snapshot/{tenantId}/{softwareId}`. */
export interface SnapshotRecord extends StoreItem, KbState {
  readonly tenantId: string;
  readonly softwareId: string;
  /** Chain hash: this content and the previous snapshot's hash (so a state seen before hashes anew). */
  readonly hash: string;
  /** ISO date-time of the Defender read it was made from. */
  readonly takenAt: string;
  /** Conversation id → `addedAt` of the watch that already got its summary. */
  readonly welcomed: Readonly<Record<string, string>>;
  /** Outbox keys made for this or earlier snapshots and not yet finished. */
  readonly pending: readonly string[];
}

/** The storage key of a snapshot. */
export function snapshotKey(target: PollTarget): string {
  return `alerts/snapshot/${targetKey(target)}`;
}

/** A short hex digest of a text. */
export function digest(text: string, length = 64): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

/** The chain hash of a snapshot's content. Independent of time, so a re-run of a poll hashes the same. */
export function chainHash(
  previousHash: string | undefined,
  softwareId: string,
  state: KbState,
  welcomed: Readonly<Record<string, string>>,
): string {
  const sorted = (record: Readonly<Record<string, unknown>>) =>
    Object.keys(record)
      .sort()
      .map((key) => [key, record[key]]);
  const content = [previousHash ?? '', softwareId, sorted(state.kbs), [...state.resolved].sort(), sorted(welcomed)];
  return digest(JSON.stringify(content));
}

/** Reads and conditionally writes snapshots. */
export class SnapshotStore {
  constructor(private readonly store: AppStorage) {}

  /** The snapshot of an id in a tenant (with its eTag), if one was stored. */
  async read(target: PollTarget): Promise<SnapshotRecord | undefined> {
    const key = snapshotKey(target);
    return (await this.store.read([key]))[key] as SnapshotRecord | undefined;
  }

  /**
   * Stores `next` only if the snapshot is still the one read as `previous` (none: only if none
   * exists). false when another writer got there first.
   */
  async replace(previous: SnapshotRecord | undefined, next: SnapshotRecord): Promise<boolean> {
    const key = snapshotKey(next);
    const { eTag: _ignored, ...value } = next;
    void _ignored;
    if (!previous) return this.store.create(key, value);
    try {
      await this.store.write({ [key]: { ...value, eTag: previous.eTag ?? '' } });
      return true;
    } catch (err) {
      if (isConflict(err)) return false;
      throw err;
    }
  }
}
