/** Scopes as "Scopes and permissions in the Microsoft identity platform" describes them: */
import { EntraFailure, missing } from './errors';
import type { EntraApp } from './types';

/** A resource API: the app roles granted to the app, the delegated scopes users can consent to. */
export interface ResourceApi {
  readonly roles: readonly string[];
  readonly scopes: readonly string[];
}

/** A parsed `scope` parameter: one resource, its permissions, and the OpenID Connect scopes. */
export interface RequestedScope {
  readonly resource: string;
  readonly permissions: readonly string[];
  readonly oidc: readonly string[];
}

const OIDC_SCOPES = ['openid', 'profile', 'email', 'offline_access'];
const GRAPH = 'https://graph.microsoft.com';

/** The resource APIs the app has permissions on (Defender for Endpoint's "Read all software inventory"). */
export const RESOURCES: Readonly<Record<string, ResourceApi>> = {
  'https://api.securitycenter.microsoft.com': { roles: ['Software.Read.All'], scopes: ['Software.Read'] },
  'https://api.botframework.com': { roles: [], scopes: [] },
  [GRAPH]: { roles: [], scopes: ['User.Read'] },
};

/** Splits a `scope` parameter; several resources in one request are refused (AADSTS700022). */
export function parseScope(scope: string | undefined): RequestedScope {
  const words = (scope ?? '').split(' ').filter(Boolean);
  if (words.length === 0) throw missing('scope');
  const oidc = words.filter((w) => OIDC_SCOPES.includes(w));
  const named = words
    .filter((w) => !OIDC_SCOPES.includes(w))
    .map((w) => (w.includes('/') ? [w.slice(0, w.lastIndexOf('/')), w.slice(w.lastIndexOf('/') + 1)] : [GRAPH, w]));
  if (new Set(named.map(([resource]) => resource)).size > 1) {
    const detail = `The provided value for the input parameter scope '${scope}' is not valid because it contains more than one resource.`;
    throw new EntraFailure(400, 'invalid_scope', 700022, detail);
  }
  return { resource: named[0]?.[0] ?? GRAPH, permissions: named.map(([, permission]) => permission), oidc };
}

/** The resource API, the app's own (its App ID URI or client id, scope access_as_user) included. */
function resourceApi(app: EntraApp, resource: string): ResourceApi {
  if (resource === app.ssoResource || resource === app.clientId) return { roles: [], scopes: ['access_as_user'] };
  const api = RESOURCES[resource];
  if (api) return api;
  const detail = `The resource principal named ${resource} was not found in the tenant. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`;
  throw new EntraFailure(400, 'invalid_resource', 500011, detail);
}

/** The app roles of a client credentials request, whose only scope must be `{resource}/.default`. */
export function appRoles(app: EntraApp, requested: RequestedScope, scope: string): readonly string[] {
  if (requested.permissions.length !== 1 || requested.permissions[0] !== '.default') {
    const detail = `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`;
    throw new EntraFailure(400, 'invalid_scope', 1002012, detail);
  }
  return resourceApi(app, requested.resource).roles;
}

/** The delegated permissions granted (`.default`: all the app has); an unknown one is refused (AADSTS70011). */
export function delegatedScopes(app: EntraApp, requested: RequestedScope): readonly string[] {
  const api = resourceApi(app, requested.resource);
  if (requested.permissions.length === 0 && requested.resource === GRAPH) return ['User.Read'];
  return requested.permissions.flatMap((permission) => {
    if (permission === '.default') return api.scopes;
    const known = api.scopes.find((s) => s.toLowerCase() === permission.toLowerCase());
    if (known) return [known];
    const detail = `The provided value for the input parameter 'scope' is not valid. The scope ${requested.resource}/${permission} is not valid.`;
    throw new EntraFailure(400, 'invalid_scope', 70011, detail);
  });
}
