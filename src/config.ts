/**
 * Configuration, read from the environment and validated once at start. Every missing or malformed
 * key is reported together, so an admin fixes them in one pass. env.sample documents each key.
 */
import { LOG_LEVELS, type LogLevel } from './log';
import pkg from '../package.json';

/** Demo: no Microsoft account, channel auth off, built-in Defender tenant. Production: app id set. */
export type Mode = 'demo' | 'production';

/** The validated configuration the composition root hands out. */
export interface Config {
  readonly version: string;
  readonly mode: Mode;
  readonly port: number;
  readonly host: string;
  readonly logLevel: LogLevel;
  readonly bot: { readonly appId?: string; readonly tenantId?: string };
  readonly defender: {
    /** Undefined means the built-in demo tenant, served in-process. */
    readonly baseUrl?: string;
    /** Bearer token sent in demo mode (never logged). */
    readonly devToken?: string;
    readonly timeoutMs: number;
    readonly maxRetries: number;
  };
}

/** Thrown when the environment cannot make a valid Config; lists every problem. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/** Reads and validates the configuration from an environment (process.env by default). */
export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const str = (key: string): string | undefined => {
    const value = env[key]?.trim();
    return value ? value : undefined;
  };
  const int = (key: string, fallback: number, min: number, max: number): number => {
    const raw = str(key);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) {
      problems.push(`${key} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };

  const appId = str('MicrosoftAppId');
  const mode: Mode = appId ? 'production' : 'demo';
  if (mode === 'production') {
    problems.push(
      'MicrosoftAppId is set, but this version answers only in demo mode: signing users in to Defender ' +
        '(Teams SSO with On-Behalf-Of) is not available yet. Leave MicrosoftAppId empty to run the demo.',
    );
  }

  const logLevelRaw = (str('LOG_LEVEL') ?? 'info').toLowerCase();
  const logLevel = LOG_LEVELS.find((l) => l === logLevelRaw);
  if (!logLevel) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevelRaw}")`);

  const baseUrl = str('DEFENDER_API_BASE_URL');
  if (baseUrl !== undefined && !isHttpUrl(baseUrl)) {
    problems.push(
      `DEFENDER_API_BASE_URL must be an http(s) URL without credentials, query or fragment (got "${redactUrl(baseUrl)}")`,
    );
  }

  const config: Config = {
    version: pkg.version,
    mode,
    port: int('PORT', 3978, 0, 65535),
    // An unauthenticated demo endpoint stays on loopback unless the admin says otherwise.
    host: str('HOST') ?? (mode === 'demo' ? '127.0.0.1' : '0.0.0.0'),
    logLevel: logLevel ?? 'info',
    bot: { appId, tenantId: str('MicrosoftAppTenantId') },
    defender: {
      baseUrl: baseUrl?.replace(/\/+$/, ''),
      devToken: str('DEFENDER_DEV_TOKEN'),
      timeoutMs: int('DEFENDER_TIMEOUT_MS', 15000, 1000, 120000),
      maxRetries: int('DEFENDER_MAX_RETRIES', 2, 0, 5),
    },
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password && !/[?#]/.test(value)
    );
  } catch {
    return false;
  }
}

/** A URL for messages: user name and password, if any, are masked. */
function redactUrl(value: string): string {
  return value.replace(/\/\/[^/@]*@/, '//***@');
}

/** A summary safe to log: secrets are reduced to whether they are set. */
export function redactedSummary(config: Config): Record<string, unknown> {
  return {
    version: config.version,
    mode: config.mode,
    port: config.port,
    host: config.host,
    logLevel: config.logLevel,
    appId: config.bot.appId ?? null,
    tenantId: config.bot.tenantId ?? null,
    defenderApi: config.defender.baseUrl ?? 'built-in demo tenant',
    defenderDevToken: config.defender.devToken ? '(set)' : '(not set)',
    defenderTimeoutMs: config.defender.timeoutMs,
    defenderMaxRetries: config.defender.maxRetries,
  };
}
