/** Opens the configured store: SQLite under DATA_DIR (default) or an Azure Blob container. */
import { resolve, join } from 'node:path';
import type { Logger } from '../log';
import { storageSummary, type StorageConfig } from '../config/storage';
import { BlobStore } from './blob';
import { SQLITE_FILE_NAME, SqliteStore } from './sqlite';
import type { AppStorage } from './types';

export type { AppStorage, StoreItem, StoreItems } from './types';
export { ConflictError, isConflict } from './items';

/** Opens the store `config` names (creating the folder, file or container if missing) and logs which. */
export async function createStorage(config: StorageConfig, logger: Logger): Promise<AppStorage> {
  if (config.kind === 'sqlite') {
    const file = resolve(join(config.dataDir, SQLITE_FILE_NAME));
    const store = new SqliteStore(file);
    logger.info('storage.ready', { ...storageSummary(config), file, ...store.settings() });
    return store;
  }
  const store = await BlobStore.open({ connectionString: config.connectionString, container: config.container });
  logger.info('storage.ready', storageSummary(config));
  return store;
}
