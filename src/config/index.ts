/**
 * Configuration, read from the environment and validated once at start. Every missing or malformed
 * key is reported together, so an admin fixes them in one pass. env.sample documents each key.
 */
import { EnvReader, redactUrl, type Env } from './env';
import { isLoopback } from './loopback';
import { readAuthConfig, type AuthConfig } from './auth';
import { readStorageConfig, storageSummary, type StorageConfig } from './storage';
import { readTelemetryConfig, telemetrySummary, type TelemetryConfig } from './telemetry';
import { readAlertsConfig, readWatchConfig, redactedAlerts, type AlertsConfig, type WatchConfig } from './alerts';
import pkg from '../../package.json';

export type { AuthConfig, Credential } from './auth';
export type { StorageConfig } from './storage';

/** The logger's levels, as LOG_LEVEL names them. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
/** Every value LOG_LEVEL may take. */
export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

/** Default time a request has to arrive and be answered: Teams waits far less, the webhook's fan-out may take a while. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;

/** Demo: no Microsoft account, channel auth off, built-in Defender tenant. Production: app id set. */
export type Mode = 'demo' | 'production';

/** The validated configuration the composition root hands out. */
export interface Config {
  readonly version: string;
  readonly mode: Mode;
  readonly port: number;
  readonly host: string;
  readonly logLevel: LogLevel;
  /** On SIGTERM, how long requests and replies in flight may take to finish before the process exits. */
  readonly shutdownGraceSeconds: number;
  /** Time one HTTP request has to arrive and be answered; then 408 or 503 and its connection is closed. */
  readonly requestTimeoutMs: number;
  readonly bot: { readonly appId?: string; readonly tenantId?: string };
  /** Sign-in settings; present exactly when mode is production. */
  readonly auth?: AuthConfig;
  readonly defender: {
    /** Undefined means the built-in demo tenant, served in-process (demo mode only). */
    readonly baseUrl?: string;
    /** Bearer token sent in demo mode (never logged). */
    readonly devToken?: string;
    readonly timeoutMs: number;
    readonly maxRetries: number;
    /** Each tenant's budget of Defender calls (Defender's own limits by default) and how long a call may queue for it. */
    readonly rateLimit: { readonly perMinute: number; readonly perHour: number; readonly maxWaitMs: number };
  };
  /** Where alerts, watches and leases are kept. */
  readonly storage: StorageConfig;
  /** Application Insights (OpenTelemetry); undefined: off, nothing loaded or sent. */
  readonly telemetry?: TelemetryConfig;
  readonly watches: WatchConfig;
  /** Proactive alerts: poller and webhook. */
  readonly alerts: AlertsConfig;
}

/** Thrown when the environment cannot make a valid Config; lists every problem. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Defender's commercial API, used in production when DEFENDER_API_BASE_URL is not set. */
export const DEFAULT_DEFENDER_BASE_URL = 'https://api.security.microsoft.com';

/** Reads and validates the configuration from an environment (process.env by default). */
export function loadConfig(env: Env = process.env): Config {
  const read = new EnvReader(env);
  const appId = read.str('MicrosoftAppId');
  const mode: Mode = appId ? 'production' : 'demo';

  const logLevelRaw = (read.str('LOG_LEVEL') ?? 'info').toLowerCase();
  const logLevel = LOG_LEVELS.find((l) => l === logLevelRaw);
  if (!logLevel) read.problem(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevelRaw}")`);

  const baseUrl = read.url('DEFENDER_API_BASE_URL');
  const devToken = read.str('DEFENDER_DEV_TOKEN');
  const auth = mode === 'production' ? readAuthConfig(read) : undefined;
  if (mode === 'production' && devToken) {
    read.problem(
      'DEFENDER_DEV_TOKEN is for demo mode only: with MicrosoftAppId set, each user signs in and Defender ' +
        'is called with their own token. Remove DEFENDER_DEV_TOKEN.',
    );
  }

  const host = read.str('HOST') ?? (mode === 'demo' ? '127.0.0.1' : '0.0.0.0');
  if (mode === 'demo' && !isLoopback(host) && read.str('ALLOW_UNAUTHENTICATED_DEMO')?.toLowerCase() !== 'true') {
    const reads = devToken ? 'read Defender with DEFENDER_DEV_TOKEN and ' : '';
    read.problem(
      `HOST=${host} in demo mode (no MicrosoftAppId, so no token is checked) would let anyone who reaches the port ` +
        `${reads}make the bot post to any serviceUrl they name. Listen on 127.0.0.1, set MicrosoftAppId for ` +
        'production, or set ALLOW_UNAUTHENTICATED_DEMO=true if a firewall keeps everyone else out.',
    );
  }

  const timeoutMs = read.int('DEFENDER_TIMEOUT_MS', 15000, 1000, 120000);
  const telemetry = readTelemetryConfig(read);
  const config: Config = {
    version: pkg.version,
    mode,
    port: read.int('PORT', 3978, 0, 65535),
    // An unauthenticated demo endpoint stays on loopback unless the admin says otherwise.
    host,
    logLevel: logLevel ?? 'info',
    shutdownGraceSeconds: read.int('SHUTDOWN_GRACE_SECONDS', 10, 0, 300),
    requestTimeoutMs: read.int('REQUEST_TIMEOUT_MS', DEFAULT_REQUEST_TIMEOUT_MS, 1000, 600_000),
    bot: { appId: auth?.appId ?? appId, tenantId: auth?.tenantId ?? read.str('MicrosoftAppTenantId') },
    ...(auth ? { auth } : {}),
    defender: {
      baseUrl: baseUrl ?? (mode === 'production' ? DEFAULT_DEFENDER_BASE_URL : undefined),
      devToken: mode === 'demo' ? devToken : undefined,
      timeoutMs,
      maxRetries: read.int('DEFENDER_MAX_RETRIES', 2, 0, 5),
      rateLimit: readRateLimit(read, timeoutMs),
    },
    storage: readStorageConfig(read),
    watches: readWatchConfig(read),
    alerts: readAlertsConfig(read),
    ...(telemetry ? { telemetry } : {}),
  };
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return config;
}

/** The per-tenant budget; a queued call waits at most half the lookup's deadline, so it still has time to run. */
function readRateLimit(read: EnvReader, timeoutMs: number): Config['defender']['rateLimit'] {
  return {
    perMinute: read.int('DEFENDER_CALLS_PER_MINUTE', 100, 1, 1_000_000),
    perHour: read.int('DEFENDER_CALLS_PER_HOUR', 1500, 1, 10_000_000),
    maxWaitMs: Math.min(read.int('DEFENDER_QUEUE_MAX_WAIT_MS', 5000, 0, 60000), Math.floor(timeoutMs / 2)),
  };
}

/** A summary safe to log: secrets are reduced to whether they are set. */
export function redactedSummary(config: Config): Record<string, unknown> {
  const auth = config.auth;
  return {
    version: config.version,
    mode: config.mode,
    port: config.port,
    host: config.host,
    logLevel: config.logLevel,
    shutdownGraceSeconds: config.shutdownGraceSeconds,
    requestTimeoutMs: config.requestTimeoutMs,
    appId: config.bot.appId ?? null,
    tenantId: config.bot.tenantId ?? null,
    defenderApi: config.defender.baseUrl ? redactUrl(config.defender.baseUrl) : 'built-in demo tenant',
    defenderDevToken: config.defender.devToken ? '(set)' : '(not set)',
    defenderTimeoutMs: config.defender.timeoutMs,
    defenderMaxRetries: config.defender.maxRetries,
    storage: storageSummary(config.storage),
    alerts: redactedAlerts(config.alerts),
    defenderRateLimit: config.defender.rateLimit,
    ...(config.telemetry ? { telemetry: telemetrySummary(config.telemetry) } : {}),
    ...(auth
      ? {
          credential:
            auth.credential.kind === 'secret' ? 'client secret (set)' : `certificate ${auth.credential.thumbprint}`,
          authorityHost: auth.authorityHost,
          defenderScope: auth.defenderScope,
          ssoResource: auth.ssoResource,
          publicBaseUrl: auth.publicBaseUrl,
          allowedTenants: auth.allowedTenants,
          tokenCacheMaxUsers: auth.tokenCacheMaxUsers,
        }
      : {}),
  };
}
