/**
 * The scale-out store: Azure Blob Storage, one JSON blob per key, through botbuilder's BlobsStorage
 * (read, write, delete) so the blobs are the ones a botbuilder bot would keep. This wrapper adds what
 * the app's contract needs and BlobsStorage lacks or gets wrong:
 * - keys BlobsStorage would merge or mangle get a hashed name (see blobKeys.ts);
 * - a write without eTag goes to BlobsStorage as '*': given none, it sends an empty If-Match header;
 * - its lost conditional write (a plain Error) becomes ConflictError for our key;
 * - a multi-item write checks every eTag before writing any item: Blob Storage has no transaction
 *   across blobs, so this is all-or-nothing unless another writer slips in between check and write
 *   (single-item writes, which leases use, are atomic);
 * - `create` uploads the same blob with If-None-Match: * (409 or 412: it exists).
 */
// A storage package, not bot framework types: the one botbuilder import outside src/bot.
// eslint-disable-next-line no-restricted-imports
import { BlobsStorage } from 'botbuilder-azure-blobs';
// eslint-disable-next-line no-restricted-imports
import { sanitizeBlobKey } from 'botbuilder-azure-blobs/lib/sanitizeBlobKey';
import { ContainerClient } from '@azure/storage-blob';
import { blobsStorageKey } from './blobKeys';
import { ConflictError, storedJson } from './items';
import type { AppStorage, StoreItem, StoreItems } from './types';

/** Where the blobs live. */
export interface BlobStoreOptions {
  readonly connectionString: string;
  readonly container: string;
}

/** AppStorage on an Azure Blob Storage container; eTags are the blobs' ETags. */
export class BlobStore implements AppStorage {
  private readonly blobs: BlobsStorage;
  private readonly container: ContainerClient;
  private closed = false;

  private constructor(options: BlobStoreOptions) {
    this.blobs = new BlobsStorage(options.connectionString, options.container);
    this.container = new ContainerClient(options.connectionString, options.container);
  }

  /** Connects and creates the container if it does not exist. */
  static async open(options: BlobStoreOptions): Promise<BlobStore> {
    const store = new BlobStore(options);
    await store.container.createIfNotExists();
    return store;
  }

  /** The name of the blob that holds `key`. */
  static blobName(key: string): string {
    return sanitizeBlobKey(blobsStorageKey(key));
  }

  /** The items that exist among `keys`. */
  async read(keys: string[]): Promise<StoreItems> {
    this.check();
    const names = keys.map(blobsStorageKey);
    const items = (await this.blobs.read(names)) as Record<string, StoreItem | undefined>;
    const found: StoreItems = {};
    keys.forEach((key, i) => {
      const item = items[names[i]];
      if (item) found[key] = item;
    });
    return found;
  }

  /** Writes every change; a stale eTag anywhere writes nothing (see the header for races). */
  async write(changes: StoreItems): Promise<void> {
    this.check();
    const entries = Object.entries(changes);
    if (entries.length > 1) await this.checkETags(entries);
    const byName = new Map<string, string>();
    const renamed: Record<string, StoreItem> = {};
    for (const [key, item] of entries) {
      if (item.eTag === '') throw new ConflictError(key);
      const name = blobsStorageKey(key);
      byName.set(name, key);
      renamed[name] = { ...item, eTag: item.eTag ?? '*' };
    }
    try {
      await this.blobs.write(renamed);
    } catch (err) {
      const name = lostWriteKey(err);
      if (name !== undefined) throw new ConflictError(byName.get(name) ?? name);
      throw err;
    }
  }

  /** Deletes the keys. */
  async delete(keys: string[]): Promise<void> {
    this.check();
    await this.blobs.delete(keys.map(blobsStorageKey));
  }

  /** Creates `key` unless its blob exists. */
  async create(key: string, item: StoreItem): Promise<boolean> {
    this.check();
    const json = storedJson(item);
    try {
      await this.container.getBlockBlobClient(BlobStore.blobName(key)).upload(json, Buffer.byteLength(json), {
        conditions: { ifNoneMatch: '*' },
        blobHTTPHeaders: { blobContentType: 'application/json' },
      });
      return true;
    } catch (err) {
      if (isStatus(err, 409, 412)) return false;
      throw err;
    }
  }

  /** Marks the store closed (no handle to release: HTTP connections close when idle). */
  async close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }

  /** Throws ConflictError unless every conditional item still has the eTag it carries. */
  private async checkETags(entries: [string, StoreItem][]): Promise<void> {
    const conditional = entries.filter(([, item]) => item.eTag !== undefined && item.eTag !== '*');
    const current = await Promise.all(conditional.map(([key]) => this.currentETag(key)));
    const stale = conditional.find(([, item], i) => current[i] !== item.eTag);
    if (stale) throw new ConflictError(stale[0]);
  }

  /** The ETag of the blob holding `key`, undefined if there is none. */
  private async currentETag(key: string): Promise<string | undefined> {
    try {
      return (await this.container.getBlobClient(BlobStore.blobName(key)).getProperties()).etag;
    } catch (err) {
      if (isStatus(err, 404)) return undefined;
      throw err;
    }
  }

  private check(): void {
    if (this.closed) throw new Error('storage: closed');
  }
}

/** The key named by BlobsStorage's lost-condition error (it throws a plain Error for a 412). */
function lostWriteKey(err: unknown): string | undefined {
  if (!(err instanceof Error)) return undefined;
  return /^Storage: error writing "([\s\S]*)" due to eTag conflict\.$/.exec(err.message)?.[1];
}

/** Whether `err` is an HTTP error (RestError, duck-typed) with one of these statuses. */
function isStatus(err: unknown, ...codes: number[]): boolean {
  const status = err instanceof Error ? (err as { statusCode?: unknown }).statusCode : undefined;
  return typeof status === 'number' && codes.includes(status);
}
