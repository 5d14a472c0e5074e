/** The Teams activity handler: turns messages into commands and posts the resulting cards. */
import { CardFactory, MessageFactory, TeamsActivityHandler, TurnContext, type Activity } from 'botbuilder';
import type { AdaptiveCard } from '../cards/template';
import { buildHelpCard } from '../cards/helpCard';
import type { CommandHandler, RequestContext } from '../commands/handler';
import { parseCommand } from '../commands/parse';
import type { Logger } from '../log';
import { withTyping, type TypingTiming } from './typing';
import { WelcomeLedger } from './welcome';

/** Collaborators of the bot, handed over by the composition root. */
export interface BotDependencies {
  readonly commands: CommandHandler;
  readonly logger: Logger;
  readonly typing?: TypingTiming;
}

/** The missing-KBs Teams bot. */
export class MissingKbsBot extends TeamsActivityHandler {
  private readonly welcomes = new WelcomeLedger();

  constructor(private readonly deps: BotDependencies) {
    super();
    this.onMessage(async (context, next) => {
      await this.answer(context);
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

  private async answer(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const command = parseCommand(commandText(activity));
    const request = requestContext(activity);
    const log = this.deps.logger.child({ conversationType: request.conversationType, command: command.kind });
    log.debug('bot.message');
    const run = (): Promise<AdaptiveCard> => this.deps.commands.handle(command, request);
    const card = command.kind === 'missingkbs' ? await withTyping(context, run, log, this.deps.typing) : await run();
    await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
  }

  private async welcome(context: TurnContext): Promise<void> {
    if (!this.welcomes.firstWelcome(context.activity.conversation.id)) return;
    const inChannel = requestContext(context.activity).conversationType !== 'personal';
    this.deps.logger.info('bot.welcome', { conversationType: context.activity.conversation.conversationType });
    await context.sendActivity(
      MessageFactory.attachment(CardFactory.adaptiveCard(buildHelpCard({ welcome: true, inChannel }))),
    );
  }
}

/**
 * The command the user sent: the message text with the bot's @mention (and any leftover `<at>`
 * tags) removed, or, for a card button (Action.Submit), the `command` string of its data.
 */
export function commandText(activity: Activity): string {
  const text = TurnContext.removeRecipientMention(activity) ?? activity.text ?? '';
  const value = activity.value as { command?: unknown } | undefined;
  if (text.trim() === '' && typeof value?.command === 'string') return value.command;
  return text.replace(/<at[^>]*>.*?<\/at>/gi, ' ');
}

/** Facts about the request that the core needs, read from Teams' activity. */
export function requestContext(activity: Activity): RequestContext {
  const type = activity.conversation?.conversationType;
  const channelData = activity.channelData as { tenant?: { id?: string } } | undefined;
  return {
    conversationType: type === 'channel' || type === 'groupChat' ? type : 'personal',
    tenantId: channelData?.tenant?.id ?? activity.conversation?.tenantId,
    userId: activity.from?.aadObjectId,
  };
}
