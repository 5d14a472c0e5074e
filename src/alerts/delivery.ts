/**
 * Posting an alert card to one conversation: skips inactive ones, marks a conversation inactive
 * when Teams says the bot can no longer post there, retries what Teams asks bots to retry (429,
 * 412, 502, 504) and other transient failures, within a bounded number of attempts and wait.
 */
import { buildAlertCard } from '../cards/alertCard';
import { backoffDelay } from '../http';
import { sleep } from '../time';
import { errorFields, type Logger } from '../log';
import { signals } from '../telemetry/signals';
import type { SendOutcome } from './outbox';
import type { OutboxEntry } from './plan';
import { tenantOf } from '../conversations/tenant';
import type { ConversationDirectory } from '../conversations/types';
import type { PostToConversation } from './types';

/** gone: the bot can no longer post there (403 roster/blocked, 404); transient: 429, 412, 5xx, network; rejected: anything else. */
export type DeliveryFailureKind = 'gone' | 'transient' | 'rejected';

/** Why a post failed, as PostToConversation reports it (src/bot/proactive.ts maps the Connector's errors). */
export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
  constructor(
    readonly kind: DeliveryFailureKind,
    message: string,
    readonly details: {
      status?: number;
      code?: string;
      retryAfterMs?: number;
      /** HTTP attempts this post made (the Bot Framework client retries some statuses itself); default 1. */
      attempts?: number;
    } = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Retry settings of the delivery of one card. */
export interface DeliveryRetry {
  /**
   * Attempts after the first, counted as HTTP attempts: a failure the Bot Framework client already
   * retried counts as all its attempts (details.attempts), so retries never multiply. Default 3.
   */
  readonly retries?: number;
  /** First backoff window, doubled each time, with jitter (a longer Retry-After wins). Default 1 s. */
  readonly backoffMs?: number;
  /** Total wait of one delivery; a wait that would pass it is not made: the entry stays pending for the next round. Default 60 s. */
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
  const send = async (
    entry: Pick<OutboxEntry, 'tenantId' | 'conversationId' | 'softwareId' | 'payload'>,
    callSignal?: AbortSignal,
  ): Promise<SendOutcome> => {
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
    const maxAttempts = 1 + (retry.retries ?? 3);
    let attempts = 0;
    let waited = 0;
    for (let retryNumber = 0; ; retryNumber++) {
      try {
        await post(target.reference, card, { tenantId: targetTenant, signal });
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
        attempts += failure.details.attempts ?? 1;
        // Exponential backoff with jitter, as Teams asks; a longer Retry-After wins.
        const backoff = backoffDelay(retryNumber + 1, retry.backoffMs ?? 1000, 30_000);
        const wait = Math.max(backoff, failure.details.retryAfterMs ?? 0);
        if (attempts >= maxAttempts || waited + wait > (retry.maxWaitMs ?? 60_000) || signal?.aborted) {
          log.warn('alerts.send_deferred', { status: failure.details.status, attempts });
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
        waited += wait;
      }
    }
  };
  return async (entry, callSignal) => {
    const outcome = await send(entry, callSignal);
    signals().alert(outcome);
    return outcome;
  };
}

/** Anything a poster threw, as a DeliveryError (unknown errors count as transient: the post may be retried). */
function asDeliveryError(err: unknown): DeliveryError {
  if (err instanceof DeliveryError) return err;
  return new DeliveryError('transient', err instanceof Error ? err.message : 'post failed', {}, { cause: err });
}
