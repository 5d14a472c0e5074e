/**
 * Which key BlobStore hands to botbuilder's BlobsStorage for an app key. BlobsStorage names a blob
 * `encodeURIComponent(key)` after collapsing empty `/` segments, dropping the slashes after the 254th,
 * and cutting the result at 1024 characters, so distinct keys can share a blob ('a//b' and 'a/b'; two
 * long keys with the same first 1024 encoded characters), and '.' or 'x.' make names Azure rejects
 * or changes. Keys it keeps distinct go through unchanged (their blobs keep botbuilder's names); the
 * others, and keys that look like ours, become a fixed-length name derived from a SHA-256 of the key.
 */
import { createHash } from 'node:crypto';

/** Prefix of the names given to keys that BlobsStorage would not keep distinct. */
export const HASHED_KEY_PREFIX = '~sha256~';

/** The longest blob name Azure accepts. */
const MAX_BLOB_NAME = 1024;
/** BlobsStorage keeps the first 254 slashes of a key. */
const MAX_SLASHES = 254;

/** The key BlobsStorage receives for `key`: the key itself when safe, else a hashed name. */
export function blobsStorageKey(key: string): string {
  return isSafeKey(key) ? key : HASHED_KEY_PREFIX + createHash('sha256').update(key, 'utf16le').digest('hex');
}

/** Whether BlobsStorage maps `key` to a blob name no other safe key gets, and Azure keeps as is. */
export function isSafeKey(key: string): boolean {
  return (
    key !== '' &&
    isWellFormed(key) &&
    !key.startsWith(HASHED_KEY_PREFIX) &&
    !key.split('/').includes('') &&
    key.split('/').length - 1 <= MAX_SLASHES &&
    !key.endsWith('.') &&
    encodeURIComponent(key).length <= MAX_BLOB_NAME
  );
}

/** Whether a string has no lone surrogate (encodeURIComponent throws on one). */
function isWellFormed(value: string): boolean {
  return !/[\uD800-\uDFFF]/.test(value.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ''));
}
