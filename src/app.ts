/** Assembles the application from a validated configuration; index.ts only starts it. */
import { appOnlySource } from './alerts/appOnly';
import { createAlerts, type AlertsOverrides } from './alerts/wiring';
import { createSignInStack, type EntraNetworkOptions } from './auth';
import { appOnlyTokens, defenderCalls } from './auth/defenderAccess';
import type { PendingCommand } from './bot/sso';
import { createBot, type BotOverrides } from './bot/wiring';
import type { SoftwareSource } from './browse/source';
import { oneCallPerUser } from './commands/coalesce';
import { CommandHandler, type MissingKbsCardBuilder } from './commands/handler';
import type { MissingKbsSource } from './commands/types';
import type { Config } from './config';
import { isLoopback, LOOPBACK_HOSTS } from './config/loopback';
import { createConversations } from './conversations/wiring';
import { DefenderClient } from './defender/client';
import { createDemoDefenderFetch, DEMO_BASE_URL } from './defender/demo/tenant';
import { TenantRateLimiter, type CallKind } from './defender/rateLimit';
import type { FetchLike, TokenProvider } from './defender/types';
import { withRetries, withThrottle } from './http';
import { StopHooks, type CloseFn } from './lifecycle/stopHooks';
import type { Logger } from './log';
import { signals } from './telemetry/signals';
import type { Clock } from './time';
import { teamsSendPacer, type SendPacer } from './pacing/teams';
import { close, createServer, listen } from './server/server';
import { createStorage } from './storage';
import { DeferredStore } from './storage/deferred';
import type { AppStorage } from './storage/types';
import { createWatches } from './watches/wiring';
import { createWebhook } from './webhook/wiring';

/** Things tests and benchmarks may replace; production passes none. */
export interface AppOverrides extends BotOverrides {
  readonly fetch?: FetchLike;
  readonly backoffBaseMs?: number;
  /** How to reach Entra ID (tests trust their local stand-in's certificate). */
  readonly entra?: EntraNetworkOptions;
  /** Shared state (tests pass a MemoryStore they inspect). */
  readonly storage?: AppStorage;
  /** Alerts and the webhook: watches and conversations to use, Defender limiter hook, poll timing. */
  readonly alerts?: AlertsOverrides;
  /** Clock of the per-tenant Defender rate limiter (the benchmark compresses time). */
  readonly rateLimitClock?: Clock;
  /** Pacer of everything sent to Teams (tests pass their limits or clock); default Teams' documented limits. */
  readonly sendPacer?: SendPacer;
  /** The `/missingkbs` reply (the benchmark swaps in the bare bot's plain card to cost the rest apart). */
  readonly missingKbsCard?: MissingKbsCardBuilder;
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
  const fetch: FetchLike =
    overrides.fetch ??
    (config.defender.baseUrl ? (input, init) => globalThis.fetch(input, init) : createDemoDefenderFetch());
  // One budget per tenant for every Defender call made for it (Defender's limits are per app and tenant).
  const limiter = new TenantRateLimiter({ ...config.defender.rateLimit, clock: overrides.rateLimitClock });
  /** The Defender client for calls of one kind for `tenantId`, with the token those calls may use. */
  const defenderLog = logger.child({ component: 'defender' });
  const defenderFor = (getToken: TokenProvider, tenantId: string | undefined, kind?: CallKind): DefenderClient =>
    new DefenderClient({
      baseUrl: config.defender.baseUrl ?? DEMO_BASE_URL,
      // Every attempt waits for the tenant's budget (a 429 pauses it); 5xx, dropped connections and a short 429 are retried.
      fetch: withRetries(withThrottle(fetch, limiter.gate(tenantId?.toLowerCase() ?? '', kind)), {
        maxRetries: config.defender.maxRetries,
        backoffBaseMs: overrides.backoffBaseMs,
        logger: defenderLog,
        events: 'defender',
        onResponse: (status, ms) => signals().defenderResponse(status, ms),
      }),
      getToken,
      timeoutMs: config.defender.timeoutMs,
      logger: defenderLog,
    });
  const stack = config.auth ? createSignInStack<PendingCommand>(config.auth, logger, overrides.entra) : undefined;
  const withDefender = defenderCalls(config, defenderFor, stack);
  const source: MissingKbsSource = oneCallPerUser((id, request) =>
    withDefender(request, (c) => c.getMissingKbs(id, request.signal)),
  );
  const software: SoftwareSource = (query, request) =>
    withDefender(request, (c) => c.listSoftware(query, request.signal));

  // One pacer for replies and alerts: they share each thread's and tenant's send budget.
  const pacer = overrides.sendPacer ?? teamsSendPacer();
  // A store handed over by a test is shared with other apps: only the one opened here is closed here.
  const opened = overrides.storage ? undefined : new DeferredStore(() => createStorage(config.storage, logger));
  const storage: AppStorage = opened ?? (overrides.storage as AppStorage);
  if (opened) hooks.add('storage', () => opened.close());
  // Alerts are read per organisation, with the app-only token that organisation issues (never another's).
  const homeTenantId = (config.bot.tenantId ?? 'demo').toLowerCase();
  const fallbackTenantId = config.auth ? undefined : homeTenantId;
  const appToken = appOnlyTokens(config, stack);
  const fetchAppOnly = appOnlySource({
    clientFor: (tenantId) => defenderFor(appToken(tenantId), tenantId, 'background'),
    served: (tenantId) => !config.auth || config.auth.allowedTenants.includes(tenantId),
  });

  const conversations = createConversations(storage);
  const watches = createWatches({
    storage,
    conversations,
    config,
    logger,
    fallbackTenantId,
    // A watch needs the tenant's admin consent (app-only token) and the asker's own read of the id.
    access: {
      appOnly: async (tenantId) => void (await appToken(tenantId)()),
      confirm: async (softwareId, request) => void (await source(softwareId, request)),
      adminConsentUrl: stack?.adminConsentUrl,
    },
  });
  const commandLog = logger.child({ component: 'commands' });
  const commands = new CommandHandler(source, commandLog, software, watches.commands, overrides.missingKbsCard);
  const teams = createBot({ config, env, logger, commands, conversations, pacer, stack, overrides });
  const clock = overrides.alerts?.clock;
  // Tests may give alerts and the webhook a watch list and a conversation directory of their own.
  const watched = {
    watches: overrides.alerts?.watches ?? watches.watches,
    conversations: overrides.alerts?.conversations ?? conversations,
  };
  const shared = { ...watched, config: config.alerts, store: storage, fallbackTenantId, logger };
  const alerts = createAlerts({
    ...shared,
    post: teams.post,
    // App-only calls use at most half of each tenant's Defender budget (limiter.gate, 'background').
    fetchAppOnly,
    overrides: overrides.alerts,
  });
  // Hooks close in reverse order: the poller stops before the store it writes to closes.
  hooks.add('alerts', () => alerts.stop());
  const notify = createWebhook({ ...shared, source: alerts.source, send: alerts.send, homeTenantId, clock });
  const server = createServer({
    messages: teams.messages,
    health: () => ({
      status: 'ok',
      version: config.version,
      mode: config.mode,
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    }),
    logger: logger.child({ component: 'http' }),
    requestTimeoutMs: config.requestTimeoutMs,
    notify,
    allowedHosts: config.mode === 'demo' && isLoopback(config.host) ? LOOPBACK_HOSTS : undefined,
    authPages: stack && {
      // The pages speak the language of the command waiting for this sign-in, else the browser's.
      start: (flowId, locale, binding) =>
        stack.consent.start(flowId, stack.signIn.flowPending(flowId)?.request.locale ?? locale, binding),
      callback: async (query) => {
        const result = await stack.consent.callback(query);
        if (result.signedIn?.pending) teams.resume(result.signedIn.pending);
        return result.page;
      },
    },
  });
  let stopping: Promise<void> | undefined;
  return {
    start: async () => {
      await opened?.ready;
      const port = await listen(server, config.port, config.host);
      // The first sign-in then needs no metadata round trips (Teams waits about 15 s for it).
      if (stack) void stack.preload();
      alerts.start();
      return port;
    },
    stop: (graceMs = config.shutdownGraceSeconds * 1000) => {
      stopping ??= (async () => {
        const deadline = Date.now() + graceMs;
        // Requests in flight may still start background replies: wait for them first, then for the replies.
        await close(server, graceMs);
        await teams.drain(Math.max(0, deadline - Date.now()));
        await hooks.closeAll();
      })();
      return stopping;
    },
    onStop: (name, closeFn) => hooks.add(name, closeFn),
  };
}
