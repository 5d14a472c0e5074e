/** Runs `watch`, `unwatch` and `watching` for a conversation and gives the card to reply with. */
import { buildErrorCard } from '../cards/errorCard';
import type { AdaptiveCard } from '../cards/template';
import { buildWatchListCard } from '../cards/watchListCard';
import { buildWatchNoticeCard, type WatchNotice } from '../cards/watchNoticeCard';
import type { WatchPlace } from '../cards/watchText';
import type { RequestContext } from '../commands/handler';
import { AppError, toAppError } from '../errors';
import { DEFAULT_LOCALE } from '../i18n';
import { errorFields, type Logger } from '../log';
import type { ConversationStore } from './conversations';
import type { CheckResult } from './types';
import type { WatchStore } from './watches';

/** A watch command, as parsed. */
export type WatchCommand = { kind: 'watch' | 'unwatch'; softwareId: string } | { kind: 'watching' };

/** Who may change watches, and what the confirmation can promise. */
export interface WatchCommandsOptions {
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
      this.logger.error('alerts.watch_failed', {
        command: command.kind,
        code: error.code,
        ...errorFields(error, true),
      });
      return buildErrorCard(error);
    }
  }

  private async run(command: WatchCommand, request: RequestContext, conversationId: string): Promise<AdaptiveCard> {
    const locale = request.locale ?? DEFAULT_LOCALE;
    const place = await this.placeOf(conversationId, request);
    if (command.kind === 'watching') return buildWatchListCard(place, await this.watches.list(conversationId), locale);
    const actor = { aadObjectId: request.userId, name: request.userName };
    const subject = { softwareId: command.softwareId, place };
    let notice: WatchNotice;
    if (command.kind === 'watch') {
      const outcome = await this.watches.watch(conversationId, command.softwareId, actor);
      if (outcome.status === 'added') {
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

  /** In demo mode everybody may; otherwise users of the allowed tenants. */
  private mayChange(tenantId: string | undefined): boolean {
    const allowed = this.options.allowedTenants;
    return !allowed || (tenantId !== undefined && allowed.includes(tenantId.toLowerCase()));
  }

  private async placeOf(conversationId: string, request: RequestContext): Promise<WatchPlace> {
    const record = await this.conversations.get(conversationId);
    return record ?? { kind: request.conversationType };
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
