/** Settings of watched software (`/missingkbs watch`), read with the rest of the configuration. */
import type { EnvReader } from './env';

/** Limits of the watch lists. */
export interface WatchConfig {
  /** Software ids one conversation may watch at most (ALERT_MAX_WATCHES). */
  readonly maxPerConversation: number;
  /** Watches in all conversations of one organisation at most (ALERT_MAX_WATCHES_PER_TENANT). */
  readonly maxPerTenant: number;
  /** Watches one person may have added in their organisation at most (ALERT_MAX_WATCHES_PER_USER). */
  readonly maxPerUser: number;
}

/**
 * Reads ALERT_MAX_WATCHES (default 50, 1 to 500), ALERT_MAX_WATCHES_PER_TENANT (default 200, 1 to
 * 5,000) and ALERT_MAX_WATCHES_PER_USER (default 25, 1 to 500). Every watch costs at least one
 * Defender call a poll, and polls get half of the tenant's 1,500 calls an hour.
 */
export function readWatchConfig(read: EnvReader): WatchConfig {
  return {
    maxPerConversation: read.int('ALERT_MAX_WATCHES', 50, 1, 500),
    maxPerTenant: read.int('ALERT_MAX_WATCHES_PER_TENANT', 200, 1, 5000),
    maxPerUser: read.int('ALERT_MAX_WATCHES_PER_USER', 25, 1, 500),
  };
}
