/** Token contents, per the access token and ID token claims references. */
import { createHash, randomBytes } from 'node:crypto';
import { nowSeconds } from '../jwt';
import { foreignKey, type EntraTenant, type TokenVersion } from './tenant';
import type { EntraUser, SsoTokenOptions } from './types';

/** The Teams desktop and mobile client, which asks Entra for the bot's SSO token. */
export const TEAMS_DESKTOP_CLIENT_ID = '1fec8e78-bce4-4aaf-ab1b-5451cc387264';

/** What an access token is issued for. */
export interface AccessGrant {
  readonly resource: string;
  readonly clientId: string;
  /** How the client authenticated: '1' secret, '2' certificate. */
  readonly appidacr: '1' | '2';
  readonly user?: EntraUser;
  readonly scp?: string;
  readonly roles?: readonly string[];
}

const opaque = (): string => randomBytes(16).toString('base64url');

/** The pairwise `sub`: the same user has another subject in every app. */
function pairwiseSub(oid: string, appId: string): string {
  return createHash('sha256').update(`${oid}:${appId}`).digest('base64url');
}

/** The user's claims, named as each token version names them. */
function userClaims(user: EntraUser, ver: TokenVersion): Record<string, unknown> {
  const username = user.preferredUsername;
  const names = ver === '1.0' ? { upn: username, unique_name: username } : { preferred_username: username };
  return { name: user.name, oid: user.oid, tid: user.tid, ...names };
}

/** The claims every token has, for a token living `lifetime` seconds. */
function timesAndIds(ver: TokenVersion, lifetime: number): Record<string, unknown> {
  const now = nowSeconds();
  return { iat: now, nbf: now, exp: now + lifetime, aio: opaque(), uti: opaque(), ver };
}

/** An SSO token as Teams obtains it for the bot (scp access_as_user, issued to the Teams client). */
export function ssoToken(tenant: EntraTenant, user: EntraUser, options: SsoTokenOptions = {}): string {
  const ver = options.ver ?? '1.0';
  const tid = options.tid ?? user.tid;
  const clientId = options.appid ?? TEAMS_DESKTOP_CLIENT_ID;
  const client = ver === '1.0' ? { appid: clientId, appidacr: '0' } : { azp: clientId, azpacr: '0' };
  const base = timesAndIds(ver, 3600);
  const claims = {
    ...base,
    aud: options.aud ?? (ver === '1.0' ? tenant.app.ssoResource : tenant.app.clientId),
    iss: options.iss ?? tenant.issuer(ver, tid),
    ...(options.nbf === undefined ? {} : { nbf: options.nbf }),
    ...(options.exp === undefined ? {} : { exp: options.exp }),
    ...userClaims(user, ver),
    tid,
    sub: pairwiseSub(user.oid, tenant.app.clientId),
    ...client,
    ...(options.scp === null ? {} : { scp: options.scp ?? 'access_as_user' }),
  };
  tenant.rememberSso(user.oid, base.uti as string);
  return tenant.sign(claims, ver, options.foreignKey ? foreignKey() : undefined);
}

/** A v1.0 access token for a resource API: delegated (with `user` and `scp`) or app-only (`roles`). */
export function accessToken(tenant: EntraTenant, grant: AccessGrant): string {
  const { user } = grant;
  const principal = user
    ? { ...userClaims(user, '1.0'), sub: pairwiseSub(user.oid, grant.resource), scp: grant.scp, amr: ['pwd'], acr: '1' }
    : { oid: tenant.servicePrincipalOid, sub: tenant.servicePrincipalOid, tid: tenant.tenantId };
  const roles = grant.roles?.length ? { roles: grant.roles } : {};
  const iss = tenant.issuer('1.0', user?.tid);
  const claims = { ...timesAndIds('1.0', tenant.lifetimeSeconds), aud: grant.resource, iss, idp: iss };
  const client = { appid: grant.clientId, appidacr: grant.appidacr, idtyp: user ? 'user' : 'app' };
  return tenant.sign({ ...claims, ...client, ...principal, ...roles }, '1.0');
}

/** A v2.0 ID token for the app, with the `nonce` of the sign-in request. */
export function idToken(tenant: EntraTenant, user: EntraUser, nonce?: string): string {
  const claims = { ...timesAndIds('2.0', 3600), aud: tenant.app.clientId, iss: tenant.issuer('2.0', user.tid) };
  const sub = pairwiseSub(user.oid, tenant.app.clientId);
  return tenant.sign({ ...claims, ...userClaims(user, '2.0'), sub, ...(nonce ? { nonce } : {}) }, '2.0');
}

/** MSAL's `client_info`: base64url JSON of the user's object id and tenant id. */
export function clientInfo(user: EntraUser): string {
  return Buffer.from(JSON.stringify({ uid: user.oid, utid: user.tid })).toString('base64url');
}
