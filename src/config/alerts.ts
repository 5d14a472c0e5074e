/** The alerting part of the configuration: poll interval, growth threshold, webhook secret, SOC conversation. */
import { DEFAULT_MIN_DEVICE_DELTA } from '../alerts/diff';
import { MIN_NOTIFY_SECRET_LENGTH } from '../webhook/signature';
import type { EnvReader } from './env';

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
