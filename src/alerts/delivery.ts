/**
 * Posting an alert card to one conversation: skips inactive ones, marks a conversation inactive
 * when Teams says the bot can no longer post there, retries throttling and server errors.
 */
import { buildAlertCard } from '../cards/alertCard';
import { sleep } from '../defender/retry';
import { errorFields, type Logger } from '../log';
import type { SendOutcome } from './outbox';
import type { OutboxEntry } from './plan';
import { tenantOf } from './tenants';
import type { ConversationDirectory, PostToConversation } from './types';

/** gone: the bot can no longer post there (403 roster/blocked, 404); transient: 429, 5xx, network; rejected: anything else. */
export type DeliveryFailureKind = 'gone' | 'transient' | 'rejected';

/** Why a post failed, as PostToConversation reports it (src/bot/proactive.ts maps the Connector's errors). */
export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
  constructor(
    readonly kind: DeliveryFailureKind,
    message: string,
    readonly details: { status?: number; code?: string; retryAfterMs?: number } = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Retry settings of the delivery of one card. */
export interface DeliveryRetry {
  /** Tries after the first (the Bot Framework client already retries 429/5xx itself). Default 1. */
  readonly retries?: number;
  /** First backoff, doubled each time. Default 1 s. */
  readonly backoffMs?: number;
  /** A Retry-After longer than this is not waited: the entry stays pending for the next round. Default 60 s. */
  readonly maxWaitMs?: number;
  /** Cuts retry waits short (shutdown); a call may pass its own. */
  readonly signal?: AbortSignal;
}

/**
 * Builds the sender the outbox and the webhook use. An alert goes only to a conversation of the tenant
 * whose token read it (`fallbackTenantId`: the tenant of conversations Teams gave none for, demo mode).
 */
export function alertSender(
  directory: ConversationDirectory,
  post: PostToConversation,
  logger: Logger,
  retry: DeliveryRetry = {},
  fallbackTenantId?: string,
): (
  entry: Pick<OutboxEntry, 'tenantId' | 'conversationId' | 'softwareId' | 'payload'>,
  signal?: AbortSignal,
) => Promise<SendOutcome> {
  return async (entry, callSignal) => {
    const signal = callSignal ?? retry.signal;
    const log = logger.child({ softwareId: entry.softwareId, conversationId: entry.conversationId });
    const target = await directory.get(entry.conversationId);
    if (!target?.active) {
      log.info('alerts.target_skipped', { reason: target ? 'inactive' : 'unknown' });
      return 'skipped';
    }
    const targetTenant = tenantOf(target, fallbackTenantId);
    // Entries queued before alerts were kept per tenant have none: they are not sent.
    if (!targetTenant || targetTenant !== tenantOf({ tenantId: entry.tenantId })) {
      log.error('alerts.tenant_mismatch', { tenantId: entry.tenantId, targetTenantId: target.tenantId ?? null });
      return 'skipped';
    }
    const card = buildAlertCard(entry.payload, target.locale);
    const retries = retry.retries ?? 1;
    for (let attempt = 0; ; attempt++) {
      try {
        await post(target.reference, card);
        log.info('alerts.sent', { kind: entry.payload.kind });
        return 'sent';
      } catch (err) {
        const failure = asDeliveryError(err);
        if (failure.kind === 'gone') {
          const reason = failure.details.code ?? `HTTP ${failure.details.status ?? '?'}`;
          await directory.markInactive(entry.conversationId, reason);
          log.warn('alerts.target_inactive', { reason, status: failure.details.status });
          return 'gone';
        }
        if (failure.kind === 'rejected') {
          log.error('alerts.send_rejected', { status: failure.details.status, code: failure.details.code });
          return 'failed';
        }
        const wait = Math.max((retry.backoffMs ?? 1000) * 2 ** attempt, failure.details.retryAfterMs ?? 0);
        if (attempt >= retries || wait > (retry.maxWaitMs ?? 60_000) || signal?.aborted) {
          log.warn('alerts.send_deferred', { status: failure.details.status, attempts: attempt + 1 });
          return 'retry';
        }
        log.warn('alerts.send_retry', { status: failure.details.status, waitMs: wait, ...errorFields(err) });
        // Shutting down: the entry stays pending for the next round (of this or another instance).
        if (
          !(await sleep(wait, signal).then(
            () => true,
            () => false,
          ))
        )
          return 'retry';
      }
    }
  };
}

/** Anything a poster threw, as a DeliveryError (unknown errors count as transient: the post may be retried). */
function asDeliveryError(err: unknown): DeliveryError {
  if (err instanceof DeliveryError) return err;
  return new DeliveryError('transient', err instanceof Error ? err.message : 'post failed', {}, { cause: err });
}
