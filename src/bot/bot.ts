/** The Teams activity handler: turns messages into commands and posts the resulting cards. */
import { cardMessage } from './cardMessage';
import { TeamsActivityHandler, TurnContext, type ConversationReference, type InvokeResponse } from 'botbuilder';
import { AppError } from '../errors';
import { buildErrorCard } from '../cards/errorCard';
import type { AdaptiveCard } from '../cards/template';
import { buildHelpCard } from '../cards/helpCard';
import { answeredWithAccessOf } from '../cards/signInText';
import type { CommandHandler } from '../commands/handler';
import type { RequestContext } from '../commands/types';
import { parseCommand, readsDefender, type DefenderCommand } from '../commands/parse';
import type { Logger } from '../log';
import type { BackgroundWork } from './background';
import { withTyping, type TypingTiming } from './typing';
import { WelcomeLedger } from './welcome';
import { SsoHandler, type BotSignIn, type PendingCommand } from './sso';
import { commandText, requestContext, userOf } from './activity';
import type { ConversationStore } from '../conversations/store';
import { ConversationEvents } from './conversationEvents';
import { CARD_ACTION_INVOKE, CardActions } from './cardActions';

/** Runs `logic` in a turn of its own for a conversation (CloudAdapter.continueConversationAsync). */
export type ContinueConversation = (
  reference: Partial<ConversationReference>,
  logic: (context: TurnContext) => Promise<void>,
) => Promise<void>;

/** Collaborators of the bot, handed over by the composition root. */
export interface BotDependencies {
  readonly commands: CommandHandler;
  readonly logger: Logger;
  readonly continueConversation: ContinueConversation;
  readonly background: BackgroundWork;
  readonly typing?: TypingTiming;
  /** Signing users in (production); absent in demo mode, where every command runs at once. */
  readonly signIn?: BotSignIn;
  /** Keeps the conversations alerts are posted to current (absent: nothing is recorded). */
  readonly conversations?: ConversationStore;
}

/** The missing-KBs Teams bot. */
export class MissingKbsBot extends TeamsActivityHandler {
  private readonly welcomes = new WelcomeLedger();
  private readonly sso?: SsoHandler;
  private readonly conversations?: ConversationEvents;
  private readonly cardActions: CardActions;

  constructor(private readonly deps: BotDependencies) {
    super();
    this.cardActions = new CardActions({
      commands: deps.commands,
      logger: deps.logger.child({ component: 'card-actions' }),
      signIn: deps.signIn,
      tenantAllowed: (tenantId) => this.tenantAllowed(tenantId),
    });
    if (deps.signIn)
      this.sso = new SsoHandler(deps.signIn, (p) => this.resume(p), deps.logger.child({ component: 'sso' }));
    if (deps.conversations) {
      const log = deps.logger.child({ component: 'conversations' });
      this.conversations = new ConversationEvents(deps.conversations, (t) => this.tenantAllowed(t), log);
    }
    this.onMessage(async (context, next) => {
      await this.answer(context);
      await next();
    });
    this.onInstallationUpdate(async (context, next) => {
      await this.conversations?.installationUpdate(context.activity);
      await next();
    });
    this.onConversationUpdate(async (context, next) => {
      await this.conversations?.conversationUpdate(context.activity);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      if (context.activity.action === 'add') await this.welcome(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient.id;
      if (context.activity.membersAdded?.some((m) => m.id === botId)) await this.welcome(context);
      await next();
    });
  }

  /** Runs a command whose user has just signed in. */
  resume(pending: PendingCommand): void {
    const token = this.deps.signIn?.service.tokenFor(pending.user);
    this.runLater(pending.command, { ...pending.request, token }, pending.reference, pending.userName);
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const name = context.activity.name ?? '';
    if (name === CARD_ACTION_INVOKE) return this.cardActions.invoke(context);
    if (!this.sso || !name.startsWith('signin/')) return super.onInvokeActivity(context);
    const user = userOf(context.activity);
    if (!user || !this.tenantAllowed(user.tenantId)) return { status: 403 };
    switch (name) {
      case 'signin/tokenExchange':
        return this.sso.tokenExchange(context, user);
      case 'signin/verifyState':
        return this.sso.verifyState(context, user);
      case 'signin/failure':
        return this.sso.failure(context, user);
      default:
        return { status: 501 };
    }
  }

  private async answer(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const command = parseCommand(commandText(activity));
    const request = requestContext(activity);
    const log = this.deps.logger.child({ conversationType: request.conversationType, command: command.kind });
    log.debug('bot.message');
    if (!this.tenantAllowed(request.tenantId)) {
      log.warn('bot.tenant_refused', { tenantId: request.tenantId ?? null });
      const refused = new AppError('tenant-not-allowed', 'tenant not allowed');
      await context.sendActivity(cardMessage(buildErrorCard(refused, request.locale)));
      return;
    }
    await this.conversations?.message(activity);
    if (!readsDefender(command)) {
      await context.sendActivity(cardMessage(await this.deps.commands.handle(command, request)));
      return;
    }
    const reference = TurnContext.getConversationReference(activity);
    if (!this.sso || !this.deps.signIn) return this.runLater(command, request, reference);
    const user = userOf(context.activity);
    if (!user) {
      const error = new AppError('sign-in-required', 'Teams did not say who the user is');
      await context.sendActivity(cardMessage(buildErrorCard(error, request.locale)));
      return;
    }
    const token = this.deps.signIn.service.tokenFor(user);
    if (token) return this.runLater(command, { ...request, token }, reference, activity.from?.name);
    if (request.conversationType === 'channel') return this.sso.askToSignInPersonally(context);
    const pending = { command, request, reference, user, userName: activity.from?.name };
    await this.sso.askForToken(context, pending);
  }

  /** Defender may take longer than Teams waits for an answer: reply later, in a turn of its own. */
  private runLater(
    command: DefenderCommand,
    request: RequestContext,
    reference: Partial<ConversationReference>,
    userName?: string,
  ): void {
    const log = this.deps.logger.child({ conversationType: request.conversationType, command: command.kind });
    this.deps.background.run(command.kind, (signal) =>
      this.deps.continueConversation(reference, async (later) => {
        // The continuation turn has an id of its own; replies must point at the message that asked.
        later.activity.id = reference.activityId;
        const run = (): Promise<AdaptiveCard> => this.deps.commands.handle(command, { ...request, signal });
        const card = await withTyping(later, run, log, this.deps.typing);
        await later.sendActivity(cardMessage(card, this.attribution(request, userName)));
      }),
    );
  }

  /**
   * Outside 1:1 chats, everyone in the conversation sees an answer made with the asker's Defender
   * access: say whose it is.
   */
  private attribution(request: RequestContext, userName: string | undefined): string | undefined {
    if (!this.deps.signIn || request.conversationType === 'personal') return undefined;
    return answeredWithAccessOf(userName, request.locale);
  }

  /** In demo mode every tenant is welcome; otherwise only the configured ones. */
  private tenantAllowed(tenantId: string | undefined): boolean {
    if (!this.deps.signIn) return true;
    return tenantId !== undefined && this.deps.signIn.allowedTenants.includes(tenantId.toLowerCase());
  }

  private async welcome(context: TurnContext): Promise<void> {
    const { tenantId, conversationType, locale } = requestContext(context.activity);
    if (!this.tenantAllowed(tenantId)) {
      this.deps.logger.warn('bot.tenant_refused', { tenantId: tenantId ?? null, activityType: context.activity.type });
      return;
    }
    if (!this.welcomes.firstWelcome(context.activity.conversation.id)) return;
    const inChannel = conversationType !== 'personal';
    this.deps.logger.info('bot.welcome', { conversationType: context.activity.conversation.conversationType });
    await context.sendActivity(cardMessage(buildHelpCard({ welcome: true, inChannel, locale })));
  }
}
