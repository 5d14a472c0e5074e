/** Settings of watched software (`/missingkbs watch`), read with the rest of the configuration. */
import type { EnvReader } from './envReader';

/** Limits of the watch lists. */
export interface WatchConfig {
  /** Software ids one conversation may watch at most (ALERT_MAX_WATCHES). */
  readonly maxPerConversation: number;
}

/** Reads ALERT_MAX_WATCHES (default 50, 1 to 500). */
export function readWatchConfig(read: EnvReader): WatchConfig {
  return { maxPerConversation: read.int('ALERT_MAX_WATCHES', 50, 1, 500) };
}
