/** The OpenID Connect discovery documents, v2.0 (`/{tenant}/v2.0/.well-known/openid-configuration`) and v1.0 (`/{tenant}/.well-known/openid-configuration`), with the fields Entra documents and publishes, every endpoint on this server. */
import type { EntraTenant, TokenVersion } from './tenant';

const CLAIMS = ['sub', 'iss', 'cloud_instance_name', 'aud', 'exp', 'iat', 'auth_time', 'nonce', 'email'];

/** The discovery document of one version. */
export function openIdConfiguration(tenant: EntraTenant, ver: TokenVersion): Record<string, unknown> {
  const root = `${tenant.url}/${tenant.tenantId}`;
  const v2 = ver === '2.0';
  const oauth2 = v2 ? `${root}/oauth2/v2.0` : `${root}/oauth2`;
  return {
    token_endpoint: `${oauth2}/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: v2 ? `${root}/discovery/v2.0/keys` : `${root}/discovery/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', v2 ? 'id_token token' : 'token id_token'],
    scopes_supported: v2 ? ['openid', 'profile', 'email', 'offline_access'] : ['openid'],
    issuer: tenant.issuer(ver),
    request_uri_parameter_supported: false,
    authorization_endpoint: `${oauth2}/authorize`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${oauth2}/logout`,
    claims_supported: [
      ...CLAIMS,
      ...(v2 ? ['preferred_username', 'name', 'tid', 'ver'] : ['amr', 'given_name', 'family_name']),
    ],
    tenant_region_scope: 'NA',
    cloud_instance_name: 'microsoftonline.com',
    cloud_graph_host_name: 'graph.windows.net',
    msgraph_host: 'graph.microsoft.com',
    rbac_url: 'https://pas.windows.net',
    ...(v2 ? {} : { microsoft_multi_refresh_token: true }),
  };
}
