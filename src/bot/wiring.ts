/** Builds the Teams side: the adapter, the bot, the handler of POST /api/messages and the poster of alerts. */
import type { PostToConversation } from '../alerts/types';
import type { SignInStack } from '../auth';
import type { CommandHandler } from '../commands/handler';
import type { Config } from '../config';
import type { ConversationStore } from '../conversations/store';
import type { Logger } from '../log';
import type { SendPacer } from '../pacing/teams';
import { createAdapter } from './adapter';
import { BackgroundWork } from './background';
import { MissingKbsBot } from './bot';
import { messagesHandler } from './messages';
import { proactivePoster } from './proactive';
import type { BotSignIn, PendingCommand } from './sso';
import type { TypingTiming } from './typing';

/** Things tests may replace on the Teams side; production passes none. */
export interface BotOverrides {
  readonly typing?: TypingTiming;
  /** Budget of a Teams token exchange (tests shorten it). */
  readonly exchangeBudgetMs?: number;
  /** Deadline of one call to the Bot Connector (tests shorten it). */
  readonly replyTimeoutMs?: number;
}

/** What the Teams side needs. */
export interface BotParts {
  readonly config: Pick<Config, 'bot' | 'auth'>;
  readonly env: NodeJS.ProcessEnv;
  readonly logger: Logger;
  readonly commands: CommandHandler;
  readonly conversations: ConversationStore;
  /** Shared by replies and alerts: they use each thread's and tenant's send budget. */
  readonly pacer: SendPacer;
  /** Signing users in (production); absent in demo mode. */
  readonly stack?: SignInStack<PendingCommand>;
  readonly overrides?: BotOverrides;
}

/** The Teams side as the rest of the app uses it. */
export interface TeamsBot {
  /** The handler of POST /api/messages. */
  readonly messages: ReturnType<typeof messagesHandler>;
  /** Posts alerts through the same adapter and pacer. */
  readonly post: PostToConversation;
  /** Runs a command that waited for its user's sign-in. */
  resume(pending: PendingCommand): void;
  /** Waits for background replies, at most `timeoutMs`, then aborts them. */
  drain(timeoutMs: number): Promise<void>;
}

/** Wires the adapter (with the MSAL client in production), the bot and its background work. */
export function createBot(parts: BotParts): TeamsBot {
  const { config, logger, stack, overrides = {} } = parts;
  const auth = config.auth;
  const msal = stack && auth ? { appId: auth.appId, client: stack.client } : undefined;
  const adapterLog = logger.child({ component: 'adapter' });
  const adapter = createAdapter(parts.env, adapterLog, msal, overrides.replyTimeoutMs, parts.pacer);
  const background = new BackgroundWork(logger.child({ component: 'background' }));
  const signIn: BotSignIn | undefined =
    stack && auth
      ? {
          service: stack.signIn,
          appId: auth.appId,
          allowedTenants: auth.allowedTenants,
          ssoResource: auth.ssoResource,
          connectionName: auth.ssoConnectionName,
          adminConsentUrl: stack.adminConsentUrl,
          exchangeBudgetMs: overrides.exchangeBudgetMs,
        }
      : undefined;
  const bot = new MissingKbsBot({
    commands: parts.commands,
    conversations: parts.conversations,
    logger: logger.child({ component: 'bot' }),
    continueConversation: (reference, logic) =>
      adapter.continueConversationAsync(config.bot.appId ?? '', reference, logic),
    background,
    typing: overrides.typing,
    signIn,
  });
  return {
    messages: messagesHandler(adapter, bot),
    post: proactivePoster(adapter, config.bot.appId ?? '', parts.pacer),
    resume: (pending) => bot.resume(pending),
    drain: (timeoutMs) => background.drain(timeoutMs),
  };
}
