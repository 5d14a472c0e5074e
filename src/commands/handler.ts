/** Runs a parsed command and gives the card to reply with. Free of any bot or HTTP framework. */
import { buildErrorCard, buildInvalidIdCard } from '../cards/errorCard';
import { buildHelpCard } from '../cards/helpCard';
import type { WatchCommands } from '../alerts/watchCommands';
import { buildMissingKbsCard } from '../cards/missingKbsCard';
import type { AdaptiveCard } from '../cards/template';
import type { MissingKbsResult, TokenProvider } from '../defender/types';
import { toAppError } from '../errors';
import type { Locale } from '../i18n';
import { errorFields, type Logger } from '../log';
import type { Command } from './parse';

/** Who asked, and where; enough to pick a token and word the reply. */
export interface RequestContext {
  readonly conversationType: 'personal' | 'channel' | 'groupChat';
  readonly tenantId?: string;
  readonly userId?: string;
  /** The user's language (from the activity's locale); English when absent. */
  readonly locale?: Locale;
  readonly signal?: AbortSignal;
  /** The user's delegated token (production); demo mode uses its own. */
  readonly token?: TokenProvider;
  /** Where and by whom (watch commands). */
  readonly conversationId?: string;
  readonly userName?: string;
}

/** Where missing KBs come from: the Defender client with the right token for this request. */
export type MissingKbsSource = (softwareId: string, request: RequestContext) => Promise<MissingKbsResult>;

/** Turns commands into cards; failures become error cards, never exceptions. */
export class CommandHandler {
  constructor(
    private readonly source: MissingKbsSource,
    private readonly logger: Logger,
    private readonly watches?: WatchCommands,
  ) {}

  /** The reply card for a command. */
  async handle(command: Command, request: RequestContext): Promise<AdaptiveCard> {
    const inChannel = request.conversationType !== 'personal';
    switch (command.kind) {
      case 'help':
        return buildHelpCard({ unknown: command.unknown, inChannel, locale: request.locale });
      case 'invalid-id':
        this.logger.info('command.invalid_id', { reason: command.reason });
        return buildInvalidIdCard(command.input, command.reason, request.locale);
      case 'missingkbs':
        return this.missingKbs(command.softwareId, request);
      case 'watch':
      case 'unwatch':
      case 'watching':
        return this.watches ? this.watches.handle(command, request) : buildHelpCard({ inChannel });
    }
  }

  private async missingKbs(softwareId: string, request: RequestContext): Promise<AdaptiveCard> {
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
      return buildMissingKbsCard(result, request.locale);
    } catch (err) {
      const error = toAppError(err);
      const level = error.code === 'internal' ? 'error' : 'warn';
      this.logger[level]('command.missingkbs_failed', {
        softwareId,
        code: error.code,
        status: error.details.status,
        correlationId: error.details.correlationId,
        ms: Date.now() - started,
        ...errorFields(error, error.code === 'internal'),
      });
      return buildErrorCard(error, request.locale);
    }
  }
}
