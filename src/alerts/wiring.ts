/** Assembles the alerting engine, its poll loop and the webhook from the composition root's parts. */
import { randomUUID } from 'node:crypto';
import { pollIntervalMs, type AlertsConfig } from '../config/alerts';
import type { Logger } from '../log';
import type { AppStorage } from '../storage/types';
import { alertSender, type DeliveryRetry } from './delivery';
import { AlertEngine, type AppOnlySource } from './engine';
import { NOTIFY_MAX_BODY_BYTES, NotifyService } from '../webhook/notify';
import { Poller, type PollerTiming } from './poller';
import type { ConversationDirectory } from '../conversations/types';
import type { PostToConversation } from './types';
import type { WatchList } from '../watches/types';

/** Waits, if needed, before a Defender call for a tenant (the shared per-tenant rate limiter). */
export type BeforeDefenderCall = (tenantId: string) => Promise<void>;

/** Test and tuning knobs; production passes none. */
export interface AlertingOverrides {
  /** Replaces ALERT_POLL_MINUTES (tests poll every few ms). */
  readonly pollIntervalMs?: number;
  readonly timing?: Omit<PollerTiming, 'intervalMs'>;
  readonly delivery?: DeliveryRetry;
  readonly clock?: () => number;
}

/** What the alerting parts need. */
export interface AlertingParts {
  readonly config: AlertsConfig;
  readonly store: AppStorage;
  readonly watches: WatchList;
  readonly conversations: ConversationDirectory;
  readonly post: PostToConversation;
  /** Missing KBs with the app-only token of the tenant asked for. */
  readonly fetchAppOnly: AppOnlySource;
  readonly beforeCall: BeforeDefenderCall;
  /** The bot's own tenant: SOC_CONVERSATION_ID's alerts are read there. */
  readonly homeTenantId: string;
  /** The tenant of conversations Teams gave none for (demo mode only). */
  readonly fallbackTenantId?: string;
  readonly logger: Logger;
  readonly overrides?: AlertingOverrides;
}

/** The running alerting: the poll loop and, with NOTIFY_SECRET, the webhook. */
export interface Alerting {
  readonly notify?: { readonly maxBodyBytes: number; readonly handle: NotifyService['handle'] };
  start(): void;
  stop(): Promise<void>;
}

/** Builds the engine, the poller and the webhook service. */
export function createAlerting(parts: AlertingParts): Alerting {
  const { config, overrides = {} } = parts;
  const logger = parts.logger.child({ component: 'alerts' });
  const source: AppOnlySource = async (tenantId, softwareId, signal) => {
    await parts.beforeCall(tenantId);
    return parts.fetchAppOnly(tenantId, softwareId, signal);
  };
  const fallbackTenantId = parts.fallbackTenantId;
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
  const service = config.notifySecret
    ? new NotifyService({
        secret: config.notifySecret,
        store: parts.store,
        source,
        watches: parts.watches,
        conversations: parts.conversations,
        send: alertSender(parts.conversations, parts.post, logger, overrides.delivery, fallbackTenantId),
        socConversationId: config.socConversationId,
        homeTenantId: parts.homeTenantId,
        fallbackTenantId,
        logger,
        clock: overrides.clock,
      })
    : undefined;
  return {
    notify: service && { maxBodyBytes: NOTIFY_MAX_BODY_BYTES, handle: (call) => service.handle(call) },
    start: () => poller?.start(),
    stop: async () => poller?.stop(),
  };
}
