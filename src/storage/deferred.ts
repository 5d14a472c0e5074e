/** A store that opens in the background, so the app can be built synchronously and fail at start. */
import type { AppStorage, StoreItem, StoreItems } from './types';

/** Every call waits for the store to open; `ready` rejects if opening failed. */
export class DeferredStore implements AppStorage {
  /** The opened store. */
  readonly ready: Promise<AppStorage>;

  constructor(open: () => Promise<AppStorage>) {
    this.ready = open();
    // Observed here so a failure to open is not an unhandled rejection before start() awaits it.
    this.ready.catch(() => undefined);
  }

  /** See AppStorage.read. */
  async read(keys: string[]): Promise<StoreItems> {
    return (await this.ready).read(keys);
  }

  /** See AppStorage.write. */
  async write(changes: StoreItems): Promise<void> {
    return (await this.ready).write(changes);
  }

  /** See AppStorage.delete. */
  async delete(keys: string[]): Promise<void> {
    return (await this.ready).delete(keys);
  }

  /** See AppStorage.create. */
  async create(key: string, item: StoreItem): Promise<boolean> {
    return (await this.ready).create(key, item);
  }

  /** Closes the store if it opened. */
  async close(): Promise<void> {
    const store = await this.ready.catch(() => undefined);
    await store?.close();
  }
}
