/** Assembles the application from a validated configuration; index.ts only starts it. */
import { createAdapter } from './bot/adapter';
import { BackgroundWork } from './bot/background';
import { MissingKbsBot } from './bot/bot';
import { messagesHandler } from './bot/messages';
import type { TypingTiming } from './bot/typing';
import { CommandHandler, type MissingKbsSource, type RequestContext } from './commands/handler';
import type { Config } from './config';
import { DefenderClient } from './defender/client';
import { createDemoDefenderFetch, DEMO_BASE_URL } from './defender/demo/tenant';
import type { FetchLike, TokenProvider } from './defender/types';
import type { Logger } from './log';
import { close, createServer, isLoopback, listen, LOOPBACK_HOSTS } from './server/server';

/** Things tests and benchmarks may replace; production passes none. */
export interface AppOverrides {
  readonly fetch?: FetchLike;
  readonly typing?: TypingTiming;
  readonly backoffBaseMs?: number;
}

/** A built application: how to start and stop it. */
export interface App {
  /** Listens; resolves with the bound port. */
  start(): Promise<number>;
  /** Stops accepting requests, then lets replies still on their way finish (within `graceMs`). */
  stop(graceMs?: number): Promise<void>;
}

/** Builds every part and wires them together. */
export function createApp(config: Config, env: NodeJS.ProcessEnv, logger: Logger, overrides: AppOverrides = {}): App {
  const startedAt = Date.now();
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
  // Demo mode: one development token for everybody (or a placeholder the demo tenant accepts).
  const tokenFor = (_request: RequestContext): TokenProvider => {
    const token = config.defender.devToken ?? 'demo';
    return () => Promise.resolve(token);
  };
  const source: MissingKbsSource = (softwareId, request) =>
    defenderFor(tokenFor(request)).getMissingKbs(softwareId, request.signal);

  const adapter = createAdapter(env, logger.child({ component: 'adapter' }));
  const background = new BackgroundWork(logger.child({ component: 'background' }));
  const bot = new MissingKbsBot({
    commands: new CommandHandler(source, logger.child({ component: 'commands' })),
    logger: logger.child({ component: 'bot' }),
    continueConversation: (reference, logic) =>
      adapter.continueConversationAsync(config.bot.appId ?? '', reference, logic),
    background,
    typing: overrides.typing,
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
  });
  return {
    start: () => listen(server, config.port, config.host),
    stop: async (graceMs = 10000) => {
      await close(server);
      await background.drain(graceMs);
    },
  };
}
