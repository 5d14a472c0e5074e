/** The shapes the fake Entra ID is configured and inspected with. */

/** The app registration the fake knows: client id, credentials and Application ID URI. */
export interface EntraApp {
  readonly clientId: string;
  readonly clientSecret?: string;
  /** The public certificate (PEM) registered as a credential; client assertions must be signed by its key. */
  readonly certificatePem?: string;
  /** The Application ID URI Teams asks SSO tokens for, e.g. `api://botid-{appId}`. */
  readonly ssoResource: string;
}

/** A user of the tenant. */
export interface EntraUser {
  readonly oid: string;
  readonly tid: string;
  readonly name?: string;
  readonly preferredUsername?: string;
}

/** Overrides for an SSO token (all times in seconds since the epoch). */
export interface SsoTokenOptions {
  readonly aud?: string;
  readonly tid?: string;
  readonly iss?: string;
  readonly exp?: number;
  readonly nbf?: number;
  readonly ver?: '1.0' | '2.0';
  /** Signed with a key that is not in the JWKS. */
  readonly foreignKey?: boolean;
  /** The delegated scopes (default `access_as_user`); null leaves `scp` out, as in an ID token. */
  readonly scp?: string | null;
  /** The client the token was issued to (`appid` in v1.0, `azp` in v2.0); default the Teams desktop client. */
  readonly appid?: string;
}

/** One request to the token endpoint, as the fake judged it. */
export interface TokenRequestRecord {
  /** The tenant whose token endpoint was asked. */
  readonly tenantId: string;
  readonly grantType: string;
  readonly clientId?: string;
  readonly clientAuth: 'secret' | 'assertion' | 'none';
  readonly scope?: string;
  readonly requestedTokenUse?: string;
  readonly userOid?: string;
  readonly status: number;
  readonly error?: string;
}
