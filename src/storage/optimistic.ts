/**
 * Read-modify-write of one stored item with optimistic concurrency: the write carries the eTag it
 * read (or is an atomic create), and a lost race is retried on fresh data, so writers on several
 * bot instances never overwrite each other's changes.
 */
import { AppError } from '../errors';
import { isConflict } from './items';
import type { AppStorage, StoreItem } from './types';

/** What a change function decides: the new value, or undefined to leave the item as it is. */
export type Change<T extends StoreItem> = (current: T | undefined) => T | undefined;

/** Retry policy of optimistic updates. */
export interface RetryOptions {
  /** Attempts before giving up (each after losing a race). */
  readonly attempts?: number;
  /** Waits before a retry (random back-off spreads racing writers apart). */
  readonly pause?: (attempt: number) => Promise<void>;
}

const DEFAULT_ATTEMPTS = 25;

/** A random pause growing with the attempt, capped at about 50 ms. */
function randomPause(attempt: number): Promise<void> {
  const ms = Math.random() * Math.min(50, 2 * 2 ** Math.min(attempt, 5));
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Applies `change` to the item at `key` until the write wins; returns the value written, or the
 * current one when `change` made none. `change` may run several times: keep it pure.
 */
export async function updateItem<T extends StoreItem>(
  store: AppStorage,
  key: string,
  change: Change<T>,
  options: RetryOptions = {},
): Promise<T | undefined> {
  const attempts = options.attempts ?? DEFAULT_ATTEMPTS;
  const pause = options.pause ?? randomPause;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const current = (await store.read([key]))[key] as T | undefined;
    const next = change(current === undefined ? undefined : withoutETag(current));
    if (next === undefined) return current;
    if (await tryWrite(store, key, next, current?.eTag)) return next;
    if (attempt < attempts) await pause(attempt);
  }
  throw new AppError('internal', `storage: ${key} kept changing under ${attempts} attempts`);
}

/** Writes `next` if the item is still at `eTag` (or still absent); false when another writer won. */
async function tryWrite(store: AppStorage, key: string, next: StoreItem, eTag: string | undefined): Promise<boolean> {
  const value = withoutETag(next);
  if (eTag === undefined) return store.create(key, value);
  try {
    await store.write({ [key]: { ...value, eTag } });
    return true;
  } catch (err) {
    if (isConflict(err)) return false;
    throw err;
  }
}

function withoutETag<T extends StoreItem>(item: T): T {
  const { eTag: _eTag, ...rest } = item;
  void _eTag;
  return rest as T;
}
