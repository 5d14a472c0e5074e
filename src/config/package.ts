/**
 * The settings the Teams app package is filled from: the same environment keys the bot reads, so
 * the package and the running bot agree on the app id. Every problem is reported together.
 */
import { createHash } from 'node:crypto';
import { EnvReader, type Env } from './env';

/** The values that fill manifest/manifest.json. */
export interface PackageSettings {
  /** The bot's Entra app id (`MicrosoftAppId`): bots[0].botId and webApplicationInfo.id. */
  readonly appId: string;
  /** The Teams app id (`TEAMS_APP_ID`, default derived from the app id). */
  readonly teamsAppId: string;
  /** The SSO resource (`SSO_RESOURCE`, default `api://botid-{appId}`). */
  readonly ssoResource: string;
  /** The bot's public host name (`BOT_DOMAIN`), without scheme or path. */
  readonly botDomain: string;
  /** The app version (package.json's). */
  readonly version: string;
}

/** Thrown when the package cannot be built; lists every problem. */
export class ManifestError extends Error {
  override readonly name = 'ManifestError';
  constructor(readonly problems: readonly string[]) {
    super(`Cannot build the Teams app package:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * Namespace of the derived Teams app ids (a fixed random UUID, never to change: changing it would
 * give every deployment a new Teams app).
 */
export const TEAMS_APP_ID_NAMESPACE = '5d0f6e4c-1b7a-4f57-9f1e-6b1f3c2a9d84';

/** Teams wants MAJOR.MINOR.PATCH, no pre-release or build suffix. */
const TEAMS_VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

/** A UUID version 5 (RFC 9562): SHA-1 of the namespace's bytes and the name, stamped 5 and variant 10. */
export function uuidV5(namespace: string, name: string): string {
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The Teams app id derived from a bot app id: stable, so every build of one bot is one Teams app. */
export function deriveTeamsAppId(appId: string): string {
  return uuidV5(TEAMS_APP_ID_NAMESPACE, appId.toLowerCase());
}

/**
 * Reads and checks the package settings with the bot's own reader (same GUID, host name and SSO
 * checks and messages); throws a ManifestError naming every missing or malformed key.
 */
export function readPackageSettings(env: Env, version: string): PackageSettings {
  const read = new EnvReader(env);
  if (!read.str('MicrosoftAppId')) read.problem('MicrosoftAppId is missing: set it to the bot’s Entra app (client) id');
  const appId = read.guid('MicrosoftAppId');
  if (!read.str('BOT_DOMAIN')) {
    read.problem('BOT_DOMAIN is missing: set it to the bot’s public host name, e.g. bot.contoso.com');
  }
  const botDomain = read.hostName('BOT_DOMAIN');
  const teamsAppId = read.guid('TEAMS_APP_ID');
  const ssoResource = read.ssoResource('SSO_RESOURCE', appId);
  if (!TEAMS_VERSION.test(version)) {
    read.problem(`package.json version must be MAJOR.MINOR.PATCH for Teams (got "${version}")`);
  }
  if (read.problems.length > 0 || !appId || !botDomain || !ssoResource) throw new ManifestError(read.problems);
  return { appId, teamsAppId: teamsAppId ?? deriveTeamsAppId(appId), ssoResource, botDomain, version };
}
