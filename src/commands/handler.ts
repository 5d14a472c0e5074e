/** Runs a parsed command and gives the card to reply with. Free of any bot or HTTP framework. */
import { buildErrorCard, buildInvalidIdCard } from '../cards/errorCard';
import { buildHelpCard } from '../cards/helpCard';
import type { WatchCommands } from '../watches/commands';
import { commandOf, type CardAction } from '../browse/actions';
import { withRefresh, withUpdatedNote } from '../cards/browse/cardActions';
import { buildPagedMissingKbsCard } from '../cards/browse/pagedKbs';
import type { AdaptiveCard } from '../cards/template';
import { AppError, toAppError } from '../errors';
import type { SoftwareSource } from '../browse/source';
import { DEFAULT_LOCALE, type Locale } from '../i18n';
import { BrowseCommands } from './browse';
import { errorFields, type Logger } from '../log';
import { signals } from '../telemetry/signals';
import type { Command } from './parse';
import type { MissingKbsSource, RequestContext } from './types';
import type { MissingKbsResult } from '../defender/types';

/** Builds the reply to `/missingkbs`: page `page` of a result, in `locale`. */
export type MissingKbsCardBuilder = (result: MissingKbsResult, page: number, locale: Locale) => AdaptiveCard;

/** Turns commands into cards; failures become error cards, never exceptions. */
export class CommandHandler {
  private readonly browse?: BrowseCommands;

  constructor(
    private readonly source: MissingKbsSource,
    private readonly logger: Logger,
    software?: SoftwareSource,
    private readonly watches?: WatchCommands,
    private readonly missingKbsCard: MissingKbsCardBuilder = buildPagedMissingKbsCard,
  ) {
    if (software) this.browse = new BrowseCommands(software, (id, request) => this.missingKbs(id, request), logger);
  }

  /** The reply card for a command. */
  async handle(command: Command, request: RequestContext): Promise<AdaptiveCard> {
    const inChannel = request.conversationType !== 'personal';
    switch (command.kind) {
      case 'help':
        signals().command('help', 'ok');
        return buildHelpCard({ unknown: command.unknown, inChannel, locale: request.locale });
      case 'invalid-id':
        this.logger.info('command.invalid_id', { reason: command.reason });
        signals().command('invalid-id', 'bad-input');
        return buildInvalidIdCard(command.input, command.reason, request.locale);
      case 'missingkbs':
        return this.missingKbs(command.softwareId, request, command.page);
      case 'find':
        return this.browsing('find', request, (browse) => browse.find(command.query, request));
      case 'top':
        return this.browsing('top', request, (browse) => browse.top(command.count, request));
      case 'watch':
      case 'unwatch':
      case 'watching':
        return this.watches
          ? this.watches.handle(command, request)
          : buildHelpCard({ inChannel, locale: request.locale });
    }
  }

  /** Runs a browse command; a failure becomes its error card. */
  private async browsing(
    kind: 'find' | 'top',
    request: RequestContext,
    run: (browse: BrowseCommands) => Promise<AdaptiveCard>,
  ): Promise<AdaptiveCard> {
    const started = Date.now();
    try {
      if (!this.browse) throw new AppError('config', 'no software list source');
      const card = await run(this.browse);
      signals().command(kind, 'ok');
      return card;
    } catch (err) {
      return this.failed(kind, err, started, request.locale);
    }
  }

  /** The card a button (Action.Execute) updates its card with: the action's command, a Refresh button, when and by whom. */
  async handleAction(action: CardAction, request: RequestContext, byName?: string): Promise<AdaptiveCard> {
    const locale = request.locale ?? DEFAULT_LOCALE;
    const card = withRefresh(await this.handle(commandOf(action), request), action, locale);
    return withUpdatedNote(card, locale, new Date(), byName);
  }

  private async missingKbs(softwareId: string, request: RequestContext, page = 1): Promise<AdaptiveCard> {
    const started = Date.now();
    try {
      const result = await this.source(softwareId, request);
      this.logger.info('command.missingkbs', {
        softwareId,
        kbs: result.kbs.length,
        pages: result.pages,
        skipped: result.skipped,
        ms: Date.now() - started,
      });
      signals().command('missingkbs', 'ok');
      return this.missingKbsCard(result, page, request.locale ?? DEFAULT_LOCALE);
    } catch (err) {
      return this.failed('missingkbs', err, started, request.locale, softwareId);
    }
  }

  /** Logs a failure (errors for internal ones, with their stack), counts it, and gives its card. */
  private failed(
    kind: 'missingkbs' | 'find' | 'top',
    err: unknown,
    started: number,
    locale: Locale | undefined,
    softwareId?: string,
  ): AdaptiveCard {
    const error = toAppError(err);
    const level = error.code === 'internal' ? 'error' : 'warn';
    signals().command(kind, error.code);
    this.logger[level](`command.${kind}_failed`, {
      softwareId,
      code: error.code,
      status: error.details.status,
      correlationId: error.details.correlationId,
      ms: Date.now() - started,
      ...errorFields(error, error.code === 'internal'),
    });
    return buildErrorCard(error, locale);
  }
}
