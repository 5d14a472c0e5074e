/** What every store shares at run time: the lost-write error and the JSON kept for an item. */
import type { StoreItem } from './types';

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
