/** Assembles the application from a validated configuration; index.ts only starts it. */
import { createSignInStack, type EntraNetworkOptions, type SignInStack } from './auth';
import { createAdapter } from './bot/adapter';
import { BackgroundWork } from './bot/background';
import { MissingKbsBot } from './bot/bot';
import type { BotSignIn, PendingCommand } from './bot/sso';
import { messagesHandler } from './bot/messages';
import type { TypingTiming } from './bot/typing';
import { CommandHandler, type MissingKbsSource, type RequestContext } from './commands/handler';
import type { Config } from './config';
import { DefenderClient } from './defender/client';
import { createDemoDefenderFetch, DEMO_BASE_URL } from './defender/demo/tenant';
import type { FetchLike, TokenProvider } from './defender/types';
import { AppError, isAppError } from './errors';
import type { Logger } from './log';
import { isLoopback, LOOPBACK_HOSTS } from './loopback';
import { close, createServer, listen } from './server/server';
import { StopHooks, type CloseFn } from './stopHooks';

/** Things tests and benchmarks may replace; production passes none. */
export interface AppOverrides {
  readonly fetch?: FetchLike;
  readonly typing?: TypingTiming;
  readonly backoffBaseMs?: number;
  /** How to reach Entra ID (tests trust their local stand-in's certificate). */
  readonly entra?: EntraNetworkOptions;
  /** Budget of a Teams token exchange (tests shorten it). */
  readonly exchangeBudgetMs?: number;
  /** Deadline of one call to the Bot Connector (tests shorten it). */
  readonly replyTimeoutMs?: number;
}

/** A built application: how to start and stop it. */
export interface App {
  /** Listens; resolves with the bound port. */
  start(): Promise<number>;
  /**
   * Stops accepting connections at once, lets requests and replies in flight finish within `graceMs`
   * (default: SHUTDOWN_GRACE_SECONDS), aborts what is left, then runs the close hooks. Idempotent.
   */
  stop(graceMs?: number): Promise<void>;
  /** Registers something to close on stop, after in-flight replies; last registered, first closed. */
  onStop(name: string, close: CloseFn): void;
}

/** Builds every part and wires them together. */
export function createApp(config: Config, env: NodeJS.ProcessEnv, logger: Logger, overrides: AppOverrides = {}): App {
  const startedAt = Date.now();
  // Parts that hold resources (storage, the alerts poller...) register here as they are built: hooks.add(name, close).
  const hooks = new StopHooks(logger.child({ component: 'app' }));
  const fetch = overrides.fetch ?? (config.defender.baseUrl ? undefined : createDemoDefenderFetch());
  /** The Defender client for one request, with the token that request may use. */
  const defenderFor = (getToken: TokenProvider): DefenderClient =>
    new DefenderClient({
      baseUrl: config.defender.baseUrl ?? DEMO_BASE_URL,
      fetch,
      getToken,
      timeoutMs: config.defender.timeoutMs,
      maxRetries: config.defender.maxRetries,
      backoffBaseMs: overrides.backoffBaseMs,
      logger: logger.child({ component: 'defender' }),
    });
  const stack = config.auth ? createSignInStack<PendingCommand>(config.auth, logger, overrides.entra) : undefined;
  const source = missingKbsSource(config, defenderFor, stack);

  const msal = stack && config.auth ? { appId: config.auth.appId, client: stack.client } : undefined;
  const adapter = createAdapter(env, logger.child({ component: 'adapter' }), msal, overrides.replyTimeoutMs);
  const background = new BackgroundWork(logger.child({ component: 'background' }));
  const bot = new MissingKbsBot({
    commands: new CommandHandler(source, logger.child({ component: 'commands' })),
    logger: logger.child({ component: 'bot' }),
    continueConversation: (reference, logic) =>
      adapter.continueConversationAsync(config.bot.appId ?? '', reference, logic),
    background,
    typing: overrides.typing,
    signIn: stack && config.auth ? botSignIn(stack, config.auth, overrides.exchangeBudgetMs) : undefined,
  });
  const server = createServer({
    messages: messagesHandler(adapter, bot),
    health: () => ({
      status: 'ok',
      version: config.version,
      mode: config.mode,
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    }),
    logger: logger.child({ component: 'http' }),
    allowedHosts: config.mode === 'demo' && isLoopback(config.host) ? LOOPBACK_HOSTS : undefined,
    authPages: stack && {
      start: (flowId) => stack.consent.start(flowId),
      callback: async (query) => {
        const result = await stack.consent.callback(query);
        if (result.signedIn?.pending) bot.resume(result.signedIn.pending);
        return result.page;
      },
    },
  });
  let stopping: Promise<void> | undefined;
  return {
    start: async () => {
      const port = await listen(server, config.port, config.host);
      // The first sign-in then needs no metadata round trips (Teams waits about 15 s for it).
      if (stack) void stack.preload();
      return port;
    },
    stop: (graceMs = config.shutdownGraceSeconds * 1000) => {
      stopping ??= (async () => {
        const deadline = Date.now() + graceMs;
        // Requests in flight may still start background replies: wait for them first, then for the replies.
        await close(server, graceMs);
        await background.drain(Math.max(0, deadline - Date.now()));
        await hooks.closeAll();
      })();
      return stopping;
    },
    onStop: (name, closeFn) => hooks.add(name, closeFn),
  };
}

/**
 * Where /missingkbs gets its data. Demo: one development token for everybody (or a placeholder the
 * demo tenant accepts). Production: the user's own delegated token; a token Defender refuses is forgotten.
 */
function missingKbsSource(
  config: Config,
  defenderFor: (getToken: TokenProvider) => DefenderClient,
  stack: SignInStack<PendingCommand> | undefined,
): MissingKbsSource {
  if (!stack) {
    const token = config.defender.devToken ?? 'demo';
    return (softwareId, request) => defenderFor(() => Promise.resolve(token)).getMissingKbs(softwareId, request.signal);
  }
  return async (softwareId, request: RequestContext) => {
    if (!request.token) throw new AppError('sign-in-required', 'no delegated token for this request');
    try {
      return await defenderFor(request.token).getMissingKbs(softwareId, request.signal);
    } catch (err) {
      if (isAppError(err) && err.code === 'unauthorized' && request.tenantId && request.userId) {
        stack.signIn.forget({ tenantId: request.tenantId, userId: request.userId });
      }
      throw err;
    }
  };
}

function botSignIn(
  stack: SignInStack<PendingCommand>,
  auth: NonNullable<Config['auth']>,
  exchangeBudgetMs: number | undefined,
): BotSignIn {
  return {
    service: stack.signIn,
    appId: auth.appId,
    allowedTenants: auth.allowedTenants,
    ssoResource: auth.ssoResource,
    connectionName: auth.ssoConnectionName,
    adminConsentUrl: stack.adminConsentUrl,
    exchangeBudgetMs,
  };
}
