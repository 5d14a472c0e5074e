/** Assembles the application from a validated configuration; index.ts only starts it. */
import { createAlerting, type AlertingOverrides, type BeforeDefenderCall } from './alerts/wiring';
import { appOnlySource } from './alerts/appOnly';
import type { ConversationDirectory } from './conversations/types';
import type { WatchList } from './watches/types';
import { pollIntervalMs } from './config/alerts';
import { createWatchState } from './watches/wiring';
import { createSignInStack, type EntraNetworkOptions, type SignInStack } from './auth';
import { createAdapter } from './bot/adapter';
import { BackgroundWork } from './bot/background';
import { MissingKbsBot } from './bot/bot';
import type { BotSignIn, PendingCommand } from './bot/sso';
import type { SoftwareSource } from './browse/source';
import { messagesHandler } from './bot/messages';
import { proactivePoster } from './bot/proactive';
import type { TypingTiming } from './bot/typing';
import { oneCallPerUser } from './commands/coalesce';
import { CommandHandler } from './commands/handler';
import type { MissingKbsSource, RequestContext } from './commands/types';
import type { Config } from './config';
import { DefenderClient } from './defender/client';
import { createDemoDefenderFetch, DEMO_BASE_URL } from './defender/demo/tenant';
import { TenantRateLimiter, type CallKind } from './defender/rateLimit';
import type { FetchLike, TokenProvider } from './defender/types';
import { withRetries, withThrottle } from './http';
import { signals } from './telemetry/signals';
import type { Clock } from './time';
import { AppError, isAppError } from './errors';
import type { Logger } from './log';
import { teamsSendPacer, type SendPacer } from './pacing/teams';
import { isLoopback, LOOPBACK_HOSTS } from './config/loopback';
import { close, createServer, listen } from './server/server';
import { createStorage } from './storage';
import { DeferredStore } from './storage/deferred';
import type { AppStorage } from './storage/types';
import { StopHooks, type CloseFn } from './lifecycle/stopHooks';

/** Things tests and benchmarks may replace; production passes none. */
export interface AppOverrides {
  readonly fetch?: FetchLike;
  readonly typing?: TypingTiming;
  readonly backoffBaseMs?: number;
  /** How to reach Entra ID (tests trust their local stand-in's certificate). */
  readonly entra?: EntraNetworkOptions;
  /** Budget of a Teams token exchange (tests shorten it). */
  readonly exchangeBudgetMs?: number;
  /** Shared state (tests pass a MemoryStore they inspect). */
  readonly storage?: AppStorage;
  /** Alerting: watches and conversations to use, Defender limiter hook, poll timing. */
  readonly alerts?: AlertingOverrides & {
    readonly watches?: WatchList;
    readonly conversations?: ConversationDirectory;
    readonly beforeDefenderCall?: BeforeDefenderCall;
  };
  /** Clock of the per-tenant Defender rate limiter (the benchmark compresses time). */
  readonly rateLimitClock?: Clock;
  /** Deadline of one call to the Bot Connector (tests shorten it). */
  readonly replyTimeoutMs?: number;
  /** Pacer of everything sent to Teams (tests pass their limits or clock); default Teams' documented limits. */
  readonly sendPacer?: SendPacer;
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

  const msal = stack && config.auth ? { appId: config.auth.appId, client: stack.client } : undefined;
  // One pacer for replies and alerts: they share each thread's and tenant's send budget.
  const pacer = overrides.sendPacer ?? teamsSendPacer();
  const adapter = createAdapter(env, logger.child({ component: 'adapter' }), msal, overrides.replyTimeoutMs, pacer);
  const background = new BackgroundWork(logger.child({ component: 'background' }));
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
  const watchState = createWatchState(storage, config, logger, {
    pollMinutes: pollIntervalMs(config.alerts) / 60_000 || undefined,
    fallbackTenantId,
    // A watch needs the tenant's admin consent (app-only token) and the asker's own read of the id.
    access: {
      appOnly: async (tenantId) => void (await appToken(tenantId)()),
      confirm: async (softwareId, request) => void (await source(softwareId, request)),
      adminConsentUrl: stack?.adminConsentUrl,
    },
  });
  const bot = new MissingKbsBot({
    commands: new CommandHandler(source, logger.child({ component: 'commands' }), software, watchState.commands),
    conversations: watchState.conversations,
    logger: logger.child({ component: 'bot' }),
    continueConversation: (reference, logic) =>
      adapter.continueConversationAsync(config.bot.appId ?? '', reference, logic),
    background,
    typing: overrides.typing,
    signIn: stack && config.auth ? botSignIn(stack, config.auth, overrides.exchangeBudgetMs) : undefined,
  });
  const alerting = createAlerting({
    config: config.alerts,
    store: storage,
    watches: overrides.alerts?.watches ?? watchState.watches,
    conversations: overrides.alerts?.conversations ?? watchState.conversations,
    post: proactivePoster(adapter, config.bot.appId ?? '', pacer),
    // App-only calls use at most half of each tenant's Defender budget (limiter.gate, 'background').
    fetchAppOnly,
    beforeCall: overrides.alerts?.beforeDefenderCall ?? (() => Promise.resolve()),
    homeTenantId,
    fallbackTenantId,
    logger,
    overrides: overrides.alerts,
  });
  // Hooks close in reverse order: the poller stops before the store it writes to closes.
  hooks.add('alerts', () => alerting.stop());
  const server = createServer({
    messages: messagesHandler(adapter, bot),
    health: () => ({
      status: 'ok',
      version: config.version,
      mode: config.mode,
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    }),
    logger: logger.child({ component: 'http' }),
    requestTimeoutMs: config.requestTimeoutMs,
    notify: alerting.notify,
    allowedHosts: config.mode === 'demo' && isLoopback(config.host) ? LOOPBACK_HOSTS : undefined,
    authPages: stack && {
      // The pages speak the language of the command waiting for this sign-in, else the browser's.
      start: (flowId, locale, binding) =>
        stack.consent.start(flowId, stack.signIn.flowPending(flowId)?.request.locale ?? locale, binding),
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
      await opened?.ready;
      const port = await listen(server, config.port, config.host);
      // The first sign-in then needs no metadata round trips (Teams waits about 15 s for it).
      if (stack) void stack.preload();
      alerting.start();
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

/** Runs one Defender call with the client a request may use. */
type DefenderCall = <T>(request: RequestContext, call: (client: DefenderClient) => Promise<T>) => Promise<T>;

/**
 * Where commands get Defender's data. Demo: one development token for everybody (or a placeholder the
 * demo tenant accepts). Production: the user's own delegated token; a token Defender refuses is forgotten.
 */
function defenderCalls(
  config: Config,
  defenderFor: (getToken: TokenProvider, tenantId: string | undefined) => DefenderClient,
  stack: SignInStack<PendingCommand> | undefined,
): DefenderCall {
  if (!stack) {
    const token = config.defender.devToken ?? 'demo';
    return (request, call) => call(defenderFor(() => Promise.resolve(token), request.tenantId));
  }
  return async (request, call) => {
    if (!request.token) throw new AppError('sign-in-required', 'no delegated token for this request');
    try {
      return await call(defenderFor(request.token, request.tenantId));
    } catch (err) {
      if (isAppError(err) && err.code === 'unauthorized' && request.tenantId && request.userId) {
        stack.signIn.forget({ tenantId: request.tenantId, userId: request.userId });
      }
      throw err;
    }
  };
}

/** The app-only token of a tenant for alerts: client credentials issued by that tenant in production, the demo token otherwise. */
function appOnlyTokens(
  config: Config,
  stack: SignInStack<PendingCommand> | undefined,
): (tenantId: string) => TokenProvider {
  const auth = config.auth;
  if (!stack || !auth) return () => () => Promise.resolve(config.defender.devToken ?? 'demo');
  return (tenantId) => async () => (await stack.tokens.acquireForApp([auth.defenderAppScope], tenantId)).token;
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
