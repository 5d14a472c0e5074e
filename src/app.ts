/** Assembles the application from a validated configuration; index.ts only starts it. */
import type restify from 'restify';
import { createAdapter } from './bot/adapter';
import { MissingKbsBot } from './bot/bot';
import { messagesHandler } from './bot/messages';
import type { TypingTiming } from './bot/typing';
import { CommandHandler, type MissingKbsSource } from './commands/handler';
import type { Config } from './config';
import { DefenderClient } from './defender/client';
import { createDemoDefenderFetch, DEMO_BASE_URL } from './defender/demo/tenant';
import type { FetchLike } from './defender/types';
import type { Logger } from './log';
import { close, createServer, listen } from './server/server';

/** Things tests and benchmarks may replace; production passes none. */
export interface AppOverrides {
  readonly fetch?: FetchLike;
  readonly typing?: TypingTiming;
  readonly backoffBaseMs?: number;
}

/** A built application: its server and how to start and stop it. */
export interface App {
  readonly server: restify.Server;
  start(): Promise<number>;
  stop(): Promise<void>;
}

/** Builds every part and wires them together. */
export function createApp(config: Config, env: NodeJS.ProcessEnv, logger: Logger, overrides: AppOverrides = {}): App {
  const startedAt = Date.now();
  const defender = new DefenderClient({
    baseUrl: config.defender.baseUrl ?? DEMO_BASE_URL,
    fetch: overrides.fetch ?? (config.defender.baseUrl ? undefined : createDemoDefenderFetch()),
    // Demo mode: a fixed development token (or a placeholder the demo tenant accepts).
    getToken: () => Promise.resolve(config.defender.devToken ?? 'demo'),
    timeoutMs: config.defender.timeoutMs,
    maxRetries: config.defender.maxRetries,
    backoffBaseMs: overrides.backoffBaseMs,
    logger: logger.child({ component: 'defender' }),
  });
  const source: MissingKbsSource = (softwareId, request) => defender.getMissingKbs(softwareId, request.signal);
  const commands = new CommandHandler(source, logger.child({ component: 'commands' }));
  const bot = new MissingKbsBot({ commands, logger: logger.child({ component: 'bot' }), typing: overrides.typing });
  const adapter = createAdapter(env, logger.child({ component: 'adapter' }));
  const server = createServer({
    messages: messagesHandler(adapter, bot),
    health: () => ({
      status: 'ok',
      version: config.version,
      mode: config.mode,
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    }),
    logger: logger.child({ component: 'http' }),
  });
  return {
    server,
    start: () => listen(server, config.port, config.host),
    stop: () => close(server),
  };
}
