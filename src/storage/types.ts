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
