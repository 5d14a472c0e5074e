/**
 * The alerting part of the configuration: poll interval, growth threshold, webhook secret, SOC
 * conversation, and the limits of the watch lists.
 */
import type { EnvReader } from './env';

/** Default of ALERT_MIN_DEVICE_DELTA: see README "Alerts" (device counts drift as devices report in). */
export const DEFAULT_MIN_DEVICE_DELTA = 5;

/** Shortest NOTIFY_SECRET accepted (characters). */
export const MIN_NOTIFY_SECRET_LENGTH = 32;

/** Validated alert settings. */
export interface AlertsConfig {
  /** ALERT_POLL_MINUTES: minutes between polls of the watched ids; 0 turns polling off. */
  readonly pollMinutes: number;
  /** ALERT_POLL_SECONDS: replaces pollMinutes when set (trials and tests; 5 s at least). */
  readonly pollSeconds?: number;
  /** ALERT_MIN_DEVICE_DELTA: growth in devices missing a KB that alerts. */
  readonly minDeviceDelta: number;
  /** NOTIFY_SECRET: enables POST /api/notify (never logged). */
  readonly notifySecret?: string;
  /** SOC_CONVERSATION_ID: where webhook alerts go when nobody watches the id. */
  readonly socConversationId?: string;
}

/** Reads the alert settings; problems go to the reader. */
export function readAlertsConfig(read: EnvReader): AlertsConfig {
  const notifySecret = read.str('NOTIFY_SECRET');
  if (notifySecret !== undefined && notifySecret.length < MIN_NOTIFY_SECRET_LENGTH) {
    read.problem(
      `NOTIFY_SECRET must be at least ${MIN_NOTIFY_SECRET_LENGTH} characters (got ${notifySecret.length}); ` +
        'generate one with: openssl rand -hex 32',
    );
  }
  const socConversationId = read.str('SOC_CONVERSATION_ID');
  if (socConversationId !== undefined && (socConversationId.length > 500 || /[\s\p{C}]/u.test(socConversationId))) {
    read.problem('SOC_CONVERSATION_ID must be a Teams conversation id such as 19:abc@thread.tacv2 (no spaces)');
  }
  const pollSeconds = read.str('ALERT_POLL_SECONDS') ? read.int('ALERT_POLL_SECONDS', 0, 5, 86_400) : 0;
  return {
    pollMinutes: read.int('ALERT_POLL_MINUTES', 60, 0, 1440),
    ...(pollSeconds ? { pollSeconds } : {}),
    minDeviceDelta: read.int('ALERT_MIN_DEVICE_DELTA', DEFAULT_MIN_DEVICE_DELTA, 1, 1_000_000),
    ...(notifySecret && notifySecret.length >= MIN_NOTIFY_SECRET_LENGTH ? { notifySecret } : {}),
    ...(socConversationId ? { socConversationId } : {}),
  };
}

/** Time between two poll rounds: ALERT_POLL_SECONDS if set, else ALERT_POLL_MINUTES; 0 when polling is off. */
export function pollIntervalMs(alerts: AlertsConfig): number {
  return alerts.pollSeconds ? alerts.pollSeconds * 1000 : alerts.pollMinutes * 60_000;
}

/** The alert settings for a log line: the secret only as set or not. */
export function redactedAlerts(alerts: AlertsConfig): Record<string, unknown> {
  return {
    pollMinutes: alerts.pollMinutes,
    ...(alerts.pollSeconds ? { pollSeconds: alerts.pollSeconds } : {}),
    minDeviceDelta: alerts.minDeviceDelta,
    notifySecret: alerts.notifySecret ? '(set)' : '(not set)',
    socConversationId: alerts.socConversationId ?? null,
  };
}

/** Limits of the watch lists (`/missingkbs watch`). */
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
