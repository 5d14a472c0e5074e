/**
 * Checks the SSO token Teams hands over in `signin/tokenExchange` before it is used, as Entra's claims
 * validation guidance asks: signature against the tenant's published keys (RS256 only), issuer and
 * audience of the token's version, times, the scope (`access_as_user`), the client that asked for it
 * (a Teams client), the tenant and the user.
 */
import https from 'node:https';
import { createRemoteJWKSet, decodeJwt, errors, jwtVerify, type JWTPayload } from 'jose';
import type { Logger } from '../log';
import { getJson } from './httpsJson';
import type { UserRef } from './types';

/** The Teams clients that obtain SSO tokens for bots: desktop and mobile, and web. */
export const TEAMS_CLIENT_IDS: readonly string[] = Object.freeze([
  '1fec8e78-bce4-4aaf-ab1b-5451cc387264',
  '5e3ce6c0-2b1f-4285-8d4b-75ee78787346',
]);

/** The delegated scope the bot exposes for Teams SSO. */
export const SSO_SCOPE = 'access_as_user';

/** How far the token's times may be off the bot's clock, in seconds. */
const CLOCK_TOLERANCE_S = 60;

/** The claims of a valid SSO token that the bot uses. */
export interface SsoClaims {
  readonly tenantId: string;
  readonly userId: string;
  /** Seconds since the epoch. */
  readonly expiresAt: number;
}

/** Why a token was refused: `expired` can be cured with a fresh token from Teams; `invalid` cannot. */
export type SsoCheck =
  { ok: true; claims: SsoClaims } | { ok: false; reason: 'expired' | 'invalid' | 'unavailable'; detail: string };

/** What the validator needs to know. */
export interface SsoValidatorOptions {
  readonly authorityHost: string;
  /** The bot's app (client) id: the audience of v2.0 SSO tokens. */
  readonly appId: string;
  /** The Application ID URI (`api://botid-{appId}`): the audience of v1.0 SSO tokens. */
  readonly ssoResource: string;
  readonly allowedTenants: readonly string[];
  readonly ca?: string | readonly string[];
  readonly timeoutMs?: number;
  readonly logger: Logger;
}

type TokenVersion = '1.0' | '2.0';

interface TenantKeys {
  readonly issuers: Readonly<Record<TokenVersion, string>>;
  readonly jwks: ReturnType<typeof createRemoteJWKSet>;
}

/** Validates SSO tokens; keys and issuers are fetched once per tenant from its OpenID metadata. */
export class SsoTokenValidator {
  private readonly tenants = new Map<string, Promise<TenantKeys>>();
  private readonly agent: https.Agent | undefined;

  constructor(private readonly options: SsoValidatorOptions) {
    this.agent = options.ca ? new https.Agent({ ca: [options.ca].flat(), keepAlive: true }) : undefined;
  }

  /** Checks `token` for the user who sent the activity. */
  async check(token: string, expected: UserRef): Promise<SsoCheck> {
    const tenant = expected.tenantId.toLowerCase();
    if (!this.options.allowedTenants.includes(tenant)) return invalid('tenant not allowed');
    const ver = tokenVersion(token);
    if (!ver) return invalid('not a v1.0 or v2.0 JWT');
    let payload: JWTPayload;
    try {
      const keys = await this.keysFor(tenant);
      ({ payload } = await jwtVerify(token, keys.jwks, {
        issuer: keys.issuers[ver],
        audience: ver === '2.0' ? this.options.appId : this.options.ssoResource,
        algorithms: ['RS256'],
        clockTolerance: CLOCK_TOLERANCE_S,
        requiredClaims: ['exp', 'tid', 'oid', 'scp'],
      }));
    } catch (err) {
      if (err instanceof errors.JWTExpired) return { ok: false, reason: 'expired', detail: 'token expired' };
      // ERR_JOSE_GENERIC is jose's word for a key set it could not fetch; the rest are about the token.
      if (err instanceof errors.JOSEError && !(err instanceof errors.JWKSTimeout) && err.code !== 'ERR_JOSE_GENERIC') {
        return invalid(err instanceof errors.JWTClaimValidationFailed ? `${err.code} (${err.claim})` : err.code);
      }
      this.tenants.delete(tenant);
      return { ok: false, reason: 'unavailable', detail: err instanceof Error ? err.message : 'keys unavailable' };
    }
    const problem = claimsProblem(payload, ver, tenant, expected.userId);
    if (problem) return invalid(problem);
    return { ok: true, claims: { tenantId: tenant, userId: String(payload.oid), expiresAt: payload.exp ?? 0 } };
  }

  /** Fetches the allowed tenants' metadata ahead of the first sign-in; a failure is logged and retried later. */
  async preload(): Promise<void> {
    for (const tenant of this.options.allowedTenants) {
      try {
        await this.keysFor(tenant);
      } catch (err) {
        this.tenants.delete(tenant);
        this.options.logger.warn('auth.sso_metadata_failed', { tenantId: tenant, error: (err as Error).message });
      }
    }
  }

  private keysFor(tenant: string): Promise<TenantKeys> {
    let keys = this.tenants.get(tenant);
    if (!keys) {
      keys = this.loadKeys(tenant);
      this.tenants.set(tenant, keys);
    }
    return keys;
  }

  /** v2 and v1 metadata: tokens may be of either version, depending on the app registration. */
  private async loadKeys(tenant: string): Promise<TenantKeys> {
    const base = `${this.options.authorityHost}/${tenant}`;
    const timeout = this.options.timeoutMs ?? 10_000;
    const [v2, v1] = await Promise.all([
      getJson(`${base}/v2.0/.well-known/openid-configuration`, this.agent, timeout),
      getJson(`${base}/.well-known/openid-configuration`, this.agent, timeout),
    ]);
    const jwksUri = field(v2, 'jwks_uri');
    const issuer = (doc: unknown): string => field(doc, 'issuer').replace('{tenantid}', tenant);
    const issuers = { '2.0': issuer(v2), '1.0': issuer(v1) };
    this.options.logger.info('auth.sso_metadata', { tenantId: tenant, issuers });
    const jwks = createRemoteJWKSet(new URL(jwksUri), { agent: this.agent, timeoutDuration: timeout });
    return { issuers, jwks };
  }
}

function field(doc: unknown, name: string): string {
  const value = (doc as Record<string, unknown> | null)?.[name];
  if (typeof value !== 'string' || value === '') throw new Error(`OpenID metadata has no ${name}`);
  return value;
}

function invalid(detail: string): SsoCheck {
  return { ok: false, reason: 'invalid', detail };
}

/** The token's version, read before its signature is checked to choose the issuer and audience to expect. */
function tokenVersion(token: string): TokenVersion | undefined {
  let ver: unknown;
  try {
    ver = decodeJwt(token).ver;
  } catch {
    return undefined;
  }
  if (ver === undefined || ver === '1.0') return '1.0';
  return ver === '2.0' ? '2.0' : undefined;
}

/** What is wrong with the claims of a correctly signed token: scope, client, tenant, user; else undefined. */
function claimsProblem(payload: JWTPayload, ver: TokenVersion, tenant: string, userId: string): string | undefined {
  const scopes = typeof payload.scp === 'string' ? payload.scp.split(' ') : [];
  if (!scopes.includes(SSO_SCOPE)) return 'scope missing';
  const client = ver === '2.0' ? payload.azp : payload.appid;
  if (typeof client !== 'string' || !TEAMS_CLIENT_IDS.includes(client.toLowerCase())) return 'client not Teams';
  if (String(payload.tid).toLowerCase() !== tenant) return 'tenant mismatch';
  if (String(payload.oid).toLowerCase() !== userId.toLowerCase()) return 'user mismatch';
  return undefined;
}
