/** The sign-in part of the configuration (production mode): app registration, credential, clouds. */
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { EnvReader } from './env';

/** How the bot proves its identity to Entra ID. */
export type Credential =
  | { readonly kind: 'secret'; readonly secret: string }
  | {
      readonly kind: 'certificate';
      /** Hex thumbprint of the certificate: SHA-256 (64 digits) or, legacy, SHA-1 (40 digits). */
      readonly thumbprint: string;
      readonly privateKeyPem: string;
    };

/** Validated sign-in settings. */
export interface AuthConfig {
  readonly appId: string;
  readonly tenantId: string;
  readonly credential: Credential;
  /** Entra ID sign-in host, e.g. https://login.microsoftonline.com (used as a known authority). */
  readonly authorityHost: string;
  /** Delegated scope asked for on the user's behalf. */
  readonly defenderScope: string;
  /** App-only scope: the Defender resource's `.default`. */
  readonly defenderAppScope: string;
  /** Application ID URI Teams asks its SSO token for (webApplicationInfo.resource). */
  readonly ssoResource: string;
  /** Name echoed in the OAuthCard and its token exchange. */
  readonly ssoConnectionName: string;
  /** Where users reach the bot's sign-in pages: https://{BOT_DOMAIN}. */
  readonly publicBaseUrl: string;
  /** Tenants whose users may use the bot: MicrosoftAppTenantId and ALLOWED_TENANTS. */
  readonly allowedTenants: readonly string[];
  /** Users whose tokens are kept in memory at most. */
  readonly tokenCacheMaxUsers: number;
}

/** Defender's delegated permission, as the v2 scope string. */
export const DEFAULT_DEFENDER_SCOPE = 'https://api.securitycenter.microsoft.com/Software.Read';
/** Entra ID's commercial sign-in host. */
export const DEFAULT_AUTHORITY_HOST = 'https://login.microsoftonline.com';

/** Reads the sign-in settings; problems go to the reader. */
export function readAuthConfig(read: EnvReader): AuthConfig | undefined {
  const appId = read.guid('MicrosoftAppId');
  const tenantId = read.guid('MicrosoftAppTenantId');
  if (!read.str('MicrosoftAppTenantId')) {
    read.problem("MicrosoftAppTenantId is required with MicrosoftAppId: the tenant of the bot's app registration");
  }
  const appType = read.str('MicrosoftAppType');
  if (appType !== undefined && appType.toLowerCase() !== 'singletenant') {
    read.problem(`MicrosoftAppType must be SingleTenant (got "${appType}"): this bot is registered in one tenant`);
  }
  const credential = readCredential(read);
  const authorityHost = read.url('AZURE_AUTHORITY_HOST', { httpsOnly: true }) ?? DEFAULT_AUTHORITY_HOST;
  const defenderScope = read.str('DEFENDER_API_SCOPE') ?? DEFAULT_DEFENDER_SCOPE;
  const resource = scopeResource(defenderScope);
  if (!resource) read.problem(`DEFENDER_API_SCOPE must be an https resource and permission (got "${defenderScope}")`);
  if (!read.str('BOT_DOMAIN')) {
    read.problem('BOT_DOMAIN is required with MicrosoftAppId: the public host name of the bot, e.g. bot.contoso.com');
  }
  const domain = read.hostName('BOT_DOMAIN');
  const ssoResource = appId ? read.ssoResource('SSO_RESOURCE', appId) : undefined;
  const extraTenants = read.guidList('ALLOWED_TENANTS');
  const tokenCacheMaxUsers = read.int('TOKEN_CACHE_MAX_USERS', 5000, 1, 1_000_000);
  if (!appId || !tenantId || !credential || !resource || !domain || !ssoResource) {
    return undefined;
  }
  return {
    appId,
    tenantId,
    credential,
    authorityHost,
    defenderScope,
    defenderAppScope: `${resource}/.default`,
    ssoResource,
    ssoConnectionName: read.str('SSO_CONNECTION_NAME') ?? 'sso',
    publicBaseUrl: `https://${domain}`,
    allowedTenants: [...new Set([tenantId, ...extraTenants])],
    tokenCacheMaxUsers,
  };
}

function readCredential(read: EnvReader): Credential | undefined {
  const secret = read.str('MicrosoftAppPassword');
  const thumbprint = read.str('MicrosoftAppCertificateThumbprint');
  const keyFile = read.str('MicrosoftAppCertificateKeyFile');
  if (secret && (thumbprint || keyFile)) {
    read.problem(
      'Set either MicrosoftAppPassword or a certificate (MicrosoftAppCertificateThumbprint and MicrosoftAppCertificateKeyFile), not both',
    );
    return undefined;
  }
  if (secret) return { kind: 'secret', secret };
  if (!thumbprint && !keyFile) {
    read.problem(
      'A credential is required with MicrosoftAppId: MicrosoftAppPassword, or MicrosoftAppCertificateThumbprint with MicrosoftAppCertificateKeyFile',
    );
    return undefined;
  }
  const hex = thumbprint?.replace(/[:\s]/g, '');
  const hexOk = hex !== undefined && /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i.test(hex);
  if (!hexOk) {
    read.problem(
      "MicrosoftAppCertificateThumbprint must be the certificate's SHA-256 (64 hex digits) or SHA-1 (40) thumbprint",
    );
  }
  const privateKeyPem = keyFile ? readPrivateKey(read, keyFile) : undefined;
  if (!keyFile)
    read.problem(
      'MicrosoftAppCertificateKeyFile is required with MicrosoftAppCertificateThumbprint: a PEM private key file',
    );
  if (!hexOk || !privateKeyPem) return undefined;
  return { kind: 'certificate', thumbprint: hex.toUpperCase(), privateKeyPem };
}

function readPrivateKey(read: EnvReader, file: string): string | undefined {
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    read.problem(
      `MicrosoftAppCertificateKeyFile cannot be read (${code === 'ENOENT' ? 'no such file' : code}): ${file}`,
    );
    return undefined;
  }
  try {
    createPrivateKey(pem);
    return pem;
  } catch {
    read.problem(`MicrosoftAppCertificateKeyFile is not a PEM private key: ${file}`);
    return undefined;
  }
}

/** The resource part of a scope (`https://host/Permission` → `https://host`), or undefined. */
export function scopeResource(scope: string): string | undefined {
  const match = /^(https:\/\/[^/\s]+)\/[^/\s]+$/.exec(scope);
  return match?.[1];
}
