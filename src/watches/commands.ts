/** Runs `watch`, `unwatch` and `watching` for a conversation and gives the card to reply with. */
import { buildErrorCard } from '../cards/errorCard';
import type { AdaptiveCard } from '../cards/template';
import { buildWatchListCard } from '../cards/watchListCard';
import { buildWatchNoticeCard, type WatchNotice } from '../cards/watchNoticeCard';
import type { RequestContext } from '../commands/types';
import { AppError, isAppError, toAppError } from '../errors';
import { DEFAULT_LOCALE } from '../i18n';
import { errorFields, type Logger } from '../log';
import type { ConversationStore } from '../conversations/store';
import { tenantOf } from '../conversations/tenant';
import type { CheckResult } from '../watches/types';
import type { WatchStore } from './store';

/** A watch command, as parsed. */
export type WatchCommand = { kind: 'watch' | 'unwatch'; softwareId: string } | { kind: 'watching' };

/**
 * How a watch is confirmed before it is stored: the conversation's tenant must issue the bot an
 * app-only token (alerts are read with it), and the asker must be able to read the id themselves.
 */
export interface WatchAccess {
  /** Resolves when `tenantId` issues the bot an app-only token; `admin-consent-required` otherwise. */
  appOnly(tenantId: string): Promise<void>;
  /** Reads the id with the asker's own (delegated) access: `not-found`, `forbidden`... refuse the watch. */
  confirm(softwareId: string, request: RequestContext): Promise<void>;
  /** Where an admin of `tenantId` grants consent (production only). */
  readonly adminConsentUrl?: (tenantId: string) => string;
}

/** Who may change watches, and what the confirmation can promise. */
export interface WatchCommandsOptions {
  /** How watches are confirmed; without it (tests of the store alone) they are not. */
  readonly access?: WatchAccess;
  /** The tenant of conversations Teams gave none for (demo mode only). */
  readonly fallbackTenantId?: string;
  /** Tenants whose users may change watches (lower case); undefined lets everybody (demo mode). */
  readonly allowedTenants?: readonly string[];
  /** Minutes between polls, when known: the confirmation then says when the next check happens. */
  readonly pollMinutes?: number;
  readonly clock?: () => Date;
}

/** The watch commands; failures become error cards, never exceptions. */
export class WatchCommands {
  constructor(
    private readonly watches: WatchStore,
    private readonly conversations: ConversationStore,
    private readonly logger: Logger,
    private readonly options: WatchCommandsOptions = {},
  ) {}

  /** The reply card for a watch command in the request's conversation. */
  async handle(command: WatchCommand, request: RequestContext): Promise<AdaptiveCard> {
    try {
      if (!request.conversationId) throw new AppError('internal', 'the activity named no conversation');
      if (command.kind !== 'watching' && !this.mayChange(request.tenantId)) {
        this.logger.warn('alerts.watch_refused', {
          tenantId: request.tenantId ?? null,
          userId: request.userId ?? null,
        });
        return buildErrorCard(new AppError('tenant-not-allowed', 'tenant may not change watches'));
      }
      return await this.run(command, request, request.conversationId);
    } catch (err) {
      const error = toAppError(err);
      this.logger[error.code === 'internal' ? 'error' : 'warn']('alerts.watch_failed', {
        command: command.kind,
        code: error.code,
        ...errorFields(error, error.code === 'internal'),
      });
      return buildErrorCard(error, request.locale);
    }
  }

  private async run(command: WatchCommand, request: RequestContext, conversationId: string): Promise<AdaptiveCard> {
    const locale = request.locale ?? DEFAULT_LOCALE;
    const record = await this.conversations.get(conversationId);
    const place = record ?? { kind: request.conversationType };
    const tenantId = tenantOf(record, this.options.fallbackTenantId);
    if (command.kind === 'watching') {
      return buildWatchListCard(place, await this.watches.list(conversationId, tenantId), locale);
    }
    const actor = { aadObjectId: request.userId, name: request.userName };
    const subject = { softwareId: command.softwareId, place };
    let notice: WatchNotice;
    if (command.kind === 'watch') {
      const outcome = await this.watchConfirmed(conversationId, tenantId, command.softwareId, request);
      if (outcome.status === 'consent') {
        this.logger.warn('alerts.watch_no_admin_consent', { tenantId: tenantId ?? null });
        notice = outcome;
      } else if (outcome.status === 'added') {
        const { addedAt } = outcome.watch;
        notice = { status: 'added', by: actor, at: addedAt, nextCheckAt: this.nextCheck(addedAt, outcome.lastCheck) };
      } else if (outcome.status === 'already') {
        notice = { status: 'already', by: outcome.watch.addedBy, at: outcome.watch.addedAt };
      } else notice = outcome;
    } else {
      const outcome = await this.watches.unwatch(conversationId, command.softwareId, actor);
      notice = outcome.status === 'removed' ? { status: 'removed', by: actor, at: outcome.at } : outcome;
    }
    return buildWatchNoticeCard(subject, notice, locale);
  }

  /**
   * Adds the watch once the caps allow it, the conversation's tenant (from Teams' record of it) issues
   * the bot an app-only token, and the asker can read the id; a failed read throws its AppError.
   */
  private async watchConfirmed(
    conversationId: string,
    tenantId: string | undefined,
    softwareId: string,
    request: RequestContext,
  ): Promise<Awaited<ReturnType<WatchStore['watch']>> | Extract<WatchNotice, { status: 'consent' }>> {
    if (!tenantId) throw new AppError('internal', 'Teams named no tenant for this conversation');
    // The asker's token is of the tenant Teams named on their message: it must be the conversation's.
    if (request.tenantId && request.tenantId.toLowerCase() !== tenantId) {
      throw new AppError('tenant-not-allowed', 'the asker and the conversation are in different tenants');
    }
    const { access } = this.options;
    const actor = { aadObjectId: request.userId, name: request.userName };
    try {
      return await this.watches.watch(conversationId, softwareId, actor, tenantId, async () => {
        await access?.appOnly(tenantId);
        await access?.confirm(softwareId, request);
      });
    } catch (err) {
      if (!isAppError(err) || err.code !== 'admin-consent-required') throw err;
      return { status: 'consent', adminConsentUrl: access?.adminConsentUrl?.(tenantId) };
    }
  }

  /** In demo mode everybody may; otherwise users of the allowed tenants. */
  private mayChange(tenantId: string | undefined): boolean {
    const allowed = this.options.allowedTenants;
    return !allowed || (tenantId !== undefined && allowed.includes(tenantId.toLowerCase()));
  }

  /**
   * When the software will next be checked: one interval after its last check, or after now for
   * software never checked (or overdue). The poller adds jitter, hence "by" in the wording.
   */
  private nextCheck(now: string, last: CheckResult | undefined): string | undefined {
    const minutes = this.options.pollMinutes;
    if (!minutes) return undefined;
    const interval = minutes * 60_000;
    const start = Date.parse(now);
    const afterLast = last ? Date.parse(last.checkedAt) + interval : 0;
    return new Date(afterLast > start ? afterLast : start + interval).toISOString();
  }
}
