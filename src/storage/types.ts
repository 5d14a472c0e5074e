/**
 * The storage contract: botbuilder's `Storage` (read, write, delete with eTags), structurally, so
 * botbuilder's stores fit it, plus the two things exactly-once alerting needs: an atomic
 * create-if-absent and a clean close.
 */

/** A stored value. Reads return the store's `eTag`; writes check it (see `Storage.write`). */
export interface StoreItem {
  eTag?: string;
  [field: string]: unknown;
}

/** Items by key (keys missing from a read result do not exist). */
export type StoreItems = Record<string, StoreItem>;

/** botbuilder's Storage, structurally. */
export interface Storage {
  /** The items that exist among `keys`, each with its current eTag. */
  read(keys: string[]): Promise<StoreItems>;
  /**
   * Writes every change. An item without `eTag`, or with `'*'`, overwrites; an item carrying the
   * eTag it was read with is written only if nobody wrote it since, else `ConflictError`.
   */
  write(changes: StoreItems): Promise<void>;
  /** Deletes the keys (absent keys are fine). */
  delete(keys: string[]): Promise<void>;
}

/** What the app's state needs on top of botbuilder's Storage. */
export interface AppStorage extends Storage {
  /** Writes `item` only if `key` does not exist: true if this call created it, false if it existed. */
  create(key: string, item: StoreItem): Promise<boolean>;
  /** Flushes and releases the store (files, handles); later calls fail. */
  close(): Promise<void>;
}

/** A conditional write lost: someone else wrote the item since it was read. */
export class ConflictError extends Error {
  constructor(readonly key: string) {
    super(`storage: ${key} was changed by another writer`);
    this.name = 'ConflictError';
  }
}

/** Whether an error is a lost conditional write. */
export function isConflict(err: unknown): err is ConflictError {
  return err instanceof ConflictError;
}

/** The JSON a store keeps for an item: every field but its eTag (the store owns that). */
export function storedJson(item: StoreItem): string {
  const { eTag: _ignored, ...value } = item;
  void _ignored;
  return JSON.stringify(value);
}
