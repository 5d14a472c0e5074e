/** The browser leg, as the authorization code flow documentation describes it: */
import { randomBytes } from 'node:crypto';
import { nowSeconds } from '../jwt';
import { EntraFailure } from './errors';
import type { EntraTenant } from './tenant';

/** A redirect to the app, or a failure for an error page. */
export type BrowserReply = { readonly location: string } | EntraFailure;

const CODE_LIFETIME_SECONDS = 600;

/** The redirect URI with the response parameters added (undefined values are left out). */
function redirect(redirectUri: string, params: Record<string, string | undefined>, fragment = false): BrowserReply {
  const target = new URL(redirectUri);
  const query = new URLSearchParams(fragment ? '' : target.search);
  for (const [name, value] of Object.entries(params)) if (value !== undefined) query.set(name, value);
  if (fragment) target.hash = query.toString();
  else target.search = query.toString();
  return { location: target.toString() };
}

/** The app and redirect URI of a browser request, or the failure shown instead of a redirect. */
function checkClient(tenant: EntraTenant, query: URLSearchParams): { redirectUri: string } | EntraFailure {
  const clientId = query.get('client_id');
  if (clientId !== tenant.app.clientId) {
    return new EntraFailure(
      400,
      'unauthorized_client',
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${tenant.tenantId}'.`,
    );
  }
  const redirectUri = query.get('redirect_uri');
  if (!redirectUri || !URL.canParse(redirectUri))
    return new EntraFailure(400, 'invalid_request', 900971, 'No reply address provided.');
  return { redirectUri };
}

/** `/authorize` with `response_type=code`. */
export function authorize(tenant: EntraTenant, query: URLSearchParams): BrowserReply {
  const client = checkClient(tenant, query);
  if (client instanceof EntraFailure) return client;
  const state = query.get('state') ?? undefined;
  const fragment = query.get('response_mode') === 'fragment';
  const fail = (error: string, description: string): BrowserReply =>
    redirect(client.redirectUri, { error, error_description: description, state }, fragment);
  if (query.get('response_type') !== 'code') {
    return fail('unsupported_response_type', "AADSTS70005: This fake serves response_type 'code' only.");
  }
  const method = query.get('code_challenge_method') ?? 'plain';
  if (query.get('code_challenge') && method !== 'S256' && method !== 'plain') {
    return fail('invalid_request', "AADSTS50148: code_challenge_method must be 'S256' or 'plain'.");
  }
  const user = tenant.signedIn;
  if (!user) return fail('login_required', 'AADSTS50058: A silent sign-in request was sent but no user is signed in.');
  const code = randomBytes(32).toString('base64url');
  tenant.codes.set(code, {
    user,
    redirectUri: client.redirectUri,
    scope: query.get('scope') ?? '',
    challenge: query.get('code_challenge') ?? undefined,
    challengeMethod: method,
    nonce: query.get('nonce') ?? undefined,
    expiresAt: nowSeconds() + CODE_LIFETIME_SECONDS,
    used: false,
  });
  return redirect(client.redirectUri, { code, state, session_state: tenant.tenantId }, fragment);
}
