/** The grants of `POST /{tenant}/oauth2/v2.0/token`, as documented: client credentials, On-Behalf-Of (`urn:ietf:params:oauth:grant-type:jwt-bearer` with `requested_token_use=on_behalf_of`), and authorization code with PKCE (no refresh token grant: the bot keeps nothing in MSAL's cache to refresh). */
import { createHash, randomBytes } from 'node:crypto';
import { decodeJwt, nowSeconds } from '../jwt';
import { assertedUser } from './assertion';
import type { ClientAuth } from './clientAuth';
import { EntraFailure, invalidGrant, missing } from './errors';
import { appRoles, delegatedScopes, parseScope, type RequestedScope } from './scopes';
import type { AuthCode, EntraTenant } from './tenant';
import { accessToken, clientInfo, idToken } from './tokens';
import type { EntraUser } from './types';

/** A successful token response and the user it was for. */
export interface Granted {
  readonly body: Record<string, unknown>;
  readonly userOid?: string;
}

type Grant = (tenant: EntraTenant, form: URLSearchParams, auth: ClientAuth) => Granted;

const appidacr = (auth: ClientAuth): '1' | '2' => (auth === 'secret' ? '1' : '2');

/** The response to a grant for a user. */
function forUser(
  tenant: EntraTenant,
  form: URLSearchParams,
  auth: ClientAuth,
  user: EntraUser,
  scope: string,
  nonce?: string,
): Granted {
  const requested: RequestedScope = parseScope(scope);
  const scopes = delegatedScopes(tenant.app, requested);
  const { clientId } = tenant.app;
  const grant = { resource: requested.resource, clientId, appidacr: appidacr(auth), user, scp: scopes.join(' ') };
  const granted = [
    ...scopes.map((s) => `${requested.resource}/${s}`),
    ...requested.oidc.filter((s) => s !== 'offline_access'),
  ];
  const body: Record<string, unknown> = {
    token_type: 'Bearer',
    scope: granted.join(' '),
    expires_in: tenant.lifetimeSeconds,
    ext_expires_in: tenant.lifetimeSeconds,
    access_token: accessToken(tenant, grant),
  };
  if (requested.oidc.includes('offline_access')) body.refresh_token = randomBytes(32).toString('base64url');
  if (requested.oidc.includes('openid')) body.id_token = idToken(tenant, user, nonce);
  if (form.get('client_info') === '1') body.client_info = clientInfo(user);
  return { body, userOid: user.oid };
}

const clientCredentials: Grant = (tenant, form, auth) => {
  if (!tenant.adminConsent) {
    // The documented answer when the app has no service principal in the tenant (no admin consent there).
    const detail = `The client application ${tenant.app.clientId} is missing service principal in the tenant ${tenant.tenantId}. See instructions here: https://go.microsoft.com/fwlink/?linkid=2225119`;
    throw new EntraFailure(400, 'invalid_client', 7000229, detail);
  }
  const scope = form.get('scope') ?? '';
  const requested = parseScope(scope);
  const roles = appRoles(tenant.app, requested, scope);
  const token = accessToken(tenant, {
    resource: requested.resource,
    clientId: tenant.app.clientId,
    appidacr: appidacr(auth),
    roles,
  });
  const expires = { expires_in: tenant.lifetimeSeconds, ext_expires_in: tenant.lifetimeSeconds };
  return { body: { token_type: 'Bearer', ...expires, access_token: token } };
};

const onBehalfOf: Grant = (tenant, form, auth) => {
  if (form.get('requested_token_use') !== 'on_behalf_of') throw missing('requested_token_use');
  const user = assertedUser(tenant, form.get('assertion') ?? undefined);
  if (tenant.consentMissing.has(user.oid)) {
    const detail = `The user or administrator has not consented to use the application with ID '${tenant.app.clientId}'. Send an interactive authorization request for this user and resource.`;
    throw invalidGrant(65001, detail, 'consent_required');
  }
  return forUser(tenant, form, auth, user, form.get('scope') ?? '');
};

/** Whether the PKCE verifier answers the challenge (RFC 7636: S256 or plain). */
function pkceMatches(code: AuthCode, verifier: string | null): boolean {
  if (!verifier) return false;
  const computed =
    code.challengeMethod === 'plain' ? verifier : createHash('sha256').update(verifier).digest('base64url');
  return computed === code.challenge;
}

const authorizationCode: Grant = (tenant, form, auth) => {
  if (!form.get('code')) throw missing('code');
  const code = tenant.codes.get(form.get('code') ?? '');
  if (!code) throw invalidGrant(9002313, 'Invalid request. Request is malformed or invalid. [Reason - Unknown code.]');
  if (code.used) {
    throw invalidGrant(54005, 'OAuth2 Authorization code was already redeemed, please retry with a new valid code.');
  }
  code.used = true;
  if (code.expiresAt <= nowSeconds()) throw invalidGrant(70008, 'The provided authorization code has expired.');
  if (form.get('redirect_uri') !== code.redirectUri) {
    throw invalidGrant(
      50011,
      `The redirect URI '${form.get('redirect_uri')}' does not match the one the code was issued for.`,
    );
  }
  if (code.challenge && !pkceMatches(code, form.get('code_verifier'))) {
    throw invalidGrant(
      501481,
      'The Code_Verifier does not match the code_challenge supplied in the authorization request.',
    );
  }
  return forUser(tenant, form, auth, code.user, form.get('scope') ?? code.scope, code.nonce);
};

const GRANTS: Readonly<Record<string, Grant>> = {
  client_credentials: clientCredentials,
  'urn:ietf:params:oauth:grant-type:jwt-bearer': onBehalfOf,
  authorization_code: authorizationCode,
};

/** Answers a token request whose client is authenticated; throws an EntraFailure to refuse it. */
export function grantToken(tenant: EntraTenant, form: URLSearchParams, auth: ClientAuth): Granted {
  const grantType = form.get('grant_type');
  if (!grantType) throw missing('grant_type');
  const grant = GRANTS[grantType];
  if (!grant)
    throw new EntraFailure(
      400,
      'unsupported_grant_type',
      70003,
      `The app requested an unsupported grant type '${grantType}'.`,
    );
  return grant(tenant, form, auth);
}

/** The user a token request is about (assertion or code), for the request record. */
export function requestUser(tenant: EntraTenant, form: URLSearchParams): string | undefined {
  const assertion = form.get('assertion');
  if (assertion) return decodeJwt(assertion)?.payload.oid as string | undefined;
  return tenant.codes.get(form.get('code') ?? '')?.user.oid;
}
