/** The storage part of the configuration: where alerts, watches and leases are kept. */
import type { EnvReader } from './env';
import { parseBlobConnectionString } from './blobConnectionString';

/** SQLite in a file under a folder (one instance), or an Azure Blob container (one or many). */
export type StorageConfig =
  | { readonly kind: 'sqlite'; readonly dataDir: string }
  | { readonly kind: 'blob'; readonly connectionString: string; readonly container: string };

/** The backends STORAGE may name. */
export const STORAGE_KINDS = ['sqlite', 'blob'] as const;
/** Where the SQLite file goes by default (relative to the working directory). */
export const DEFAULT_DATA_DIR = './data';
/** The Blob container used by default. */
export const DEFAULT_BLOB_CONTAINER = 'missingkbs-bot';

/** Reads STORAGE, DATA_DIR, BLOB_CONNECTION_STRING and BLOB_CONTAINER; problems go to the reader. */
export function readStorageConfig(read: EnvReader): StorageConfig {
  const rawKind = (read.str('STORAGE') ?? 'sqlite').toLowerCase();
  const kind = STORAGE_KINDS.find((k) => k === rawKind);
  if (!kind) read.problem(`STORAGE must be one of ${STORAGE_KINDS.join(', ')} (got "${rawKind}")`);
  const dataDir = read.str('DATA_DIR') ?? DEFAULT_DATA_DIR;
  if (kind !== 'blob') return { kind: 'sqlite', dataDir };

  const container = read.str('BLOB_CONTAINER') ?? DEFAULT_BLOB_CONTAINER;
  if (!isContainerName(container)) {
    read.problem(
      `BLOB_CONTAINER must be 3 to 63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit (got "${container}")`,
    );
  }
  const connectionString = read.str('BLOB_CONNECTION_STRING');
  if (connectionString === undefined) {
    read.problem(
      'BLOB_CONNECTION_STRING is required with STORAGE=blob: the storage account connection string (Azure portal, Access keys)',
    );
  } else {
    for (const problem of parseBlobConnectionString(connectionString).problems) {
      read.problem(`BLOB_CONNECTION_STRING ${problem}`);
    }
  }
  return { kind: 'blob', connectionString: connectionString ?? '', container };
}

/** Whether a name follows Azure's container naming rules. */
export function isContainerName(name: string): boolean {
  return name.length >= 3 && name.length <= 63 && /^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9]))*$/.test(name);
}

/** A summary safe to log: the account key and SAS are reduced to which kind of credential is set. */
export function storageSummary(config: StorageConfig): Record<string, unknown> {
  if (config.kind === 'sqlite') return { kind: 'sqlite', dataDir: config.dataDir };
  const info = parseBlobConnectionString(config.connectionString).info;
  return {
    kind: 'blob',
    account: info?.account ?? null,
    blobEndpoint: info?.blobEndpoint ?? null,
    credential: info ? `${info.credential}${info.credential === 'development storage' ? '' : ' (set)'}` : null,
    container: config.container,
  };
}
