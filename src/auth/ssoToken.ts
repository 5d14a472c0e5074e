/**
 * Checks the SSO token Teams hands over in `signin/tokenExchange` before it is used: signature
 * against the tenant's published keys, issuer, audience (the bot's app), expiry, tenant and user.
 */
import https from 'node:https';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import type { Logger } from '../log';
import { getJson } from './httpsJson';
import type { UserRef } from './types';

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
  /** Accepted audiences: the Application ID URI and the app id. */
  readonly audiences: readonly string[];
  readonly allowedTenants: readonly string[];
  readonly ca?: string | readonly string[];
  readonly timeoutMs?: number;
  readonly logger: Logger;
}

interface TenantKeys {
  readonly issuers: readonly string[];
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
    if (!this.options.allowedTenants.includes(tenant))
      return { ok: false, reason: 'invalid', detail: 'tenant not allowed' };
    let payload: JWTPayload;
    try {
      const keys = await this.keysFor(tenant);
      ({ payload } = await jwtVerify(token, keys.jwks, {
        issuer: [...keys.issuers],
        audience: [...this.options.audiences],
        algorithms: ['RS256'],
        clockTolerance: 60,
        requiredClaims: ['exp', 'tid', 'oid'],
      }));
    } catch (err) {
      if (err instanceof errors.JWTExpired) return { ok: false, reason: 'expired', detail: 'token expired' };
      // ERR_JOSE_GENERIC is jose's word for a key set it could not fetch; the rest are about the token.
      if (err instanceof errors.JOSEError && !(err instanceof errors.JWKSTimeout) && err.code !== 'ERR_JOSE_GENERIC') {
        return { ok: false, reason: 'invalid', detail: err.code };
      }
      this.tenants.delete(tenant);
      return { ok: false, reason: 'unavailable', detail: err instanceof Error ? err.message : 'keys unavailable' };
    }
    if (String(payload.tid).toLowerCase() !== tenant)
      return { ok: false, reason: 'invalid', detail: 'tenant mismatch' };
    if (String(payload.oid).toLowerCase() !== expected.userId.toLowerCase()) {
      return { ok: false, reason: 'invalid', detail: 'user mismatch' };
    }
    return { ok: true, claims: { tenantId: tenant, userId: String(payload.oid), expiresAt: payload.exp ?? 0 } };
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
    const issuers = [field(v2, 'issuer'), field(v1, 'issuer')].map((i) => i.replace('{tenantid}', tenant));
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
