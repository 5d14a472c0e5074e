/** An in-memory AppStorage with the same eTag rules as the real stores: for unit tests only. */
import { ConflictError, storedJson } from './items';
import type { AppStorage, StoreItem, StoreItems } from './types';

/** Keeps items in a Map; eTags are a counter. Not shared between processes. */
export class MemoryStore implements AppStorage {
  private readonly items = new Map<string, { json: string; eTag: string }>();
  private next = 1;
  private closed = false;

  /** The items that exist among `keys`. */
  async read(keys: string[]): Promise<StoreItems> {
    this.check();
    const found: StoreItems = {};
    for (const key of keys) {
      const entry = this.items.get(key);
      if (entry) found[key] = { ...(JSON.parse(entry.json) as StoreItem), eTag: entry.eTag };
    }
    return Promise.resolve(found);
  }

  /** Writes every change (all-or-nothing on eTag conflicts). */
  async write(changes: StoreItems): Promise<void> {
    this.check();
    for (const [key, item] of Object.entries(changes)) {
      const wanted = item.eTag;
      if (wanted !== undefined && wanted !== '*' && this.items.get(key)?.eTag !== wanted) throw new ConflictError(key);
    }
    for (const [key, item] of Object.entries(changes)) this.put(key, item);
    return Promise.resolve();
  }

  /** Deletes the keys. */
  async delete(keys: string[]): Promise<void> {
    this.check();
    for (const key of keys) this.items.delete(key);
    return Promise.resolve();
  }

  /** Creates `key` unless it exists. */
  async create(key: string, item: StoreItem): Promise<boolean> {
    this.check();
    if (this.items.has(key)) return Promise.resolve(false);
    this.put(key, item);
    return Promise.resolve(true);
  }

  /** Marks the store closed. */
  async close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }

  private put(key: string, item: StoreItem): void {
    this.items.set(key, { json: storedJson(item), eTag: String(this.next++) });
  }

  private check(): void {
    if (this.closed) throw new Error('storage: closed');
  }
}
