/** Builds POST /api/notify's service when NOTIFY_SECRET is set. */
import type { AlertsConfig } from '../config/alerts';
import type { ConversationDirectory } from '../conversations/types';
import type { Logger } from '../log';
import type { AppStorage } from '../storage/types';
import type { WatchList } from '../watches/types';
import { NOTIFY_MAX_BODY_BYTES, NotifyService, type NotifyOptions } from './notify';

/** What the webhook needs: the alert pipeline's app-only source and sender among them. */
export interface WebhookParts {
  readonly config: AlertsConfig;
  readonly store: AppStorage;
  readonly watches: WatchList;
  readonly conversations: ConversationDirectory;
  readonly source: NotifyOptions['source'];
  readonly send: NotifyOptions['send'];
  /** The bot's own tenant: SOC_CONVERSATION_ID's alerts are read there. */
  readonly homeTenantId: string;
  /** The tenant of conversations Teams gave none for (demo mode only). */
  readonly fallbackTenantId?: string;
  readonly logger: Logger;
  readonly clock?: () => number;
}

/** The webhook as the HTTP layer mounts it. */
export interface Webhook {
  readonly maxBodyBytes: number;
  readonly handle: NotifyService['handle'];
}

/** The webhook, or undefined without NOTIFY_SECRET (POST /api/notify is then 404). */
export function createWebhook(parts: WebhookParts): Webhook | undefined {
  const { config } = parts;
  if (!config.notifySecret) return undefined;
  const service = new NotifyService({
    secret: config.notifySecret,
    store: parts.store,
    source: parts.source,
    watches: parts.watches,
    conversations: parts.conversations,
    send: parts.send,
    socConversationId: config.socConversationId,
    homeTenantId: parts.homeTenantId,
    fallbackTenantId: parts.fallbackTenantId,
    logger: parts.logger.child({ component: 'alerts' }),
    clock: parts.clock,
  });
  return { maxBodyBytes: NOTIFY_MAX_BODY_BYTES, handle: (call) => service.handle(call) };
}
