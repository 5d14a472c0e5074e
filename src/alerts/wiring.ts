/** Builds the alert pipeline: the engine and its poll loop, and what the webhook reuses of it. */
import { randomUUID } from 'node:crypto';
import { pollIntervalMs, type AlertsConfig } from '../config/alerts';
import type { ConversationDirectory } from '../conversations/types';
import type { Logger } from '../log';
import type { AppStorage } from '../storage/types';
import type { WatchList } from '../watches/types';
import { alertSender, type DeliveryRetry } from './delivery';
import { AlertEngine, type AppOnlySource } from './engine';
import { Poller, type PollerTiming } from './poller';
import type { PostToConversation } from './types';

/** Waits, if needed, before a Defender call for a tenant (the shared per-tenant rate limiter). */
export type BeforeDefenderCall = (tenantId: string) => Promise<void>;

/** Test and tuning knobs; production passes none. */
export interface AlertsOverrides {
  /** A watch list and a conversation directory of the test's own (for the webhook too). */
  readonly watches?: WatchList;
  readonly conversations?: ConversationDirectory;
  /** The per-tenant Defender rate limiter's wait (tests record it); default none. */
  readonly beforeDefenderCall?: BeforeDefenderCall;
  /** Replaces ALERT_POLL_MINUTES (tests poll every few ms). */
  readonly pollIntervalMs?: number;
  readonly timing?: Omit<PollerTiming, 'intervalMs'>;
  readonly delivery?: DeliveryRetry;
  readonly clock?: () => number;
}

/** What the alert pipeline needs. */
export interface AlertsParts {
  readonly config: AlertsConfig;
  readonly store: AppStorage;
  readonly watches: WatchList;
  readonly conversations: ConversationDirectory;
  readonly post: PostToConversation;
  /** Missing KBs with the app-only token of the tenant asked for. */
  readonly fetchAppOnly: AppOnlySource;
  /** The tenant of conversations Teams gave none for (demo mode only). */
  readonly fallbackTenantId?: string;
  readonly logger: Logger;
  readonly overrides?: AlertsOverrides;
}

/** The running pipeline, and the source and sender the webhook shares with it. */
export interface Alerts {
  /** Missing KBs app-only, after the rate limiter's wait. */
  readonly source: AppOnlySource;
  /** Posts an alert to one conversation of its tenant, with the delivery retries. */
  readonly send: ReturnType<typeof alertSender>;
  start(): void;
  stop(): Promise<void>;
}

/** Builds the engine and the poller (none when the poll interval is 0). */
export function createAlerts(parts: AlertsParts): Alerts {
  const { config, overrides = {}, fallbackTenantId } = parts;
  const logger = parts.logger.child({ component: 'alerts' });
  const beforeCall = overrides.beforeDefenderCall ?? (() => Promise.resolve());
  const source: AppOnlySource = async (tenantId, softwareId, signal) => {
    await beforeCall(tenantId);
    return parts.fetchAppOnly(tenantId, softwareId, signal);
  };
  const intervalMs = overrides.pollIntervalMs ?? pollIntervalMs(config);
  const engine = new AlertEngine({
    store: parts.store,
    owner: randomUUID(),
    watches: parts.watches,
    conversations: parts.conversations,
    post: parts.post,
    source,
    minDeviceDelta: config.minDeviceDelta,
    intervalMs,
    logger,
    clock: overrides.clock,
    delivery: overrides.delivery,
    fallbackTenantId,
  });
  const poller =
    intervalMs > 0 ? new Poller(engine, parts.watches, { ...overrides.timing, intervalMs }, logger) : undefined;
  return {
    source,
    send: alertSender(parts.conversations, parts.post, logger, overrides.delivery, fallbackTenantId),
    start: () => poller?.start(),
    stop: async () => poller?.stop(),
  };
}
