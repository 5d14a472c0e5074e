/** Token endpoint client auth: `client_secret` (body or HTTP Basic, RFC 6749 2.3.1) or a certificate assertion (PS256 + x5t#S256 or RS256 + x5t, aud = token endpoint, iss = sub = client id). */
import { createHash, X509Certificate } from 'node:crypto';
import { decodeJwt, nowSeconds, verifyJwt } from '../jwt';
import { EntraFailure, missing } from './errors';
import type { EntraTenant } from './tenant';

/** How the client authenticated. */
export type ClientAuth = 'secret' | 'assertion';

const JWT_BEARER_ASSERTION = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** The client id and secret of an HTTP Basic `Authorization` header (each form-urlencoded). */
function basicCredentials(authorization: string | undefined): { id?: string; secret?: string } {
  const match = /^Basic\s+(\S+)$/i.exec(authorization ?? '');
  if (!match) return {};
  const [id, secret] = Buffer.from(match[1], 'base64').toString('utf8').split(':');
  const decode = (value?: string): string | undefined =>
    value === undefined ? undefined : decodeURIComponent(value.replace(/\+/g, ' '));
  return { id: decode(id), secret: decode(secret) };
}

/** The client id the request names (body or Basic header). */
export function requestClientId(form: URLSearchParams, authorization?: string): string | undefined {
  return form.get('client_id') ?? basicCredentials(authorization).id;
}

/** Checks the app and its credential; throws the failure Entra answers with. */
export function authenticateClient(tenant: EntraTenant, form: URLSearchParams, authorization?: string): ClientAuth {
  const clientId = requestClientId(form, authorization);
  if (!clientId) throw missing('client_id');
  if (clientId !== tenant.app.clientId) {
    const detail = `Application with identifier '${clientId}' was not found in the directory '${tenant.tenantId}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`;
    throw new EntraFailure(400, 'unauthorized_client', 700016, detail);
  }
  const secret = form.get('client_secret') ?? basicCredentials(authorization).secret;
  const assertion = form.get('client_assertion');
  if (secret !== undefined) {
    if (tenant.app.clientSecret !== undefined && secret === tenant.app.clientSecret) return 'secret';
    const detail = `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`;
    throw new EntraFailure(401, 'invalid_client', 7000215, detail);
  }
  if (assertion) {
    if (form.get('client_assertion_type') !== JWT_BEARER_ASSERTION) throw missing('client_assertion_type');
    const reason = assertionProblem(tenant, assertion);
    if (!reason) return 'assertion';
    throw new EntraFailure(401, 'invalid_client', 700027, `Client assertion failed signature validation. ${reason}`);
  }
  const detail = "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.";
  throw new EntraFailure(401, 'invalid_client', 7000218, detail);
}

/** Why the client assertion is refused, or undefined when it is good. */
function assertionProblem(tenant: EntraTenant, assertion: string): string | undefined {
  const { certificatePem, clientId } = tenant.app;
  if (!certificatePem) return `[Reason - No certificate credential is registered for app '${clientId}'.]`;
  const certificate = new X509Certificate(certificatePem);
  const header = decodeJwt(assertion)?.header;
  if (!header) return '[Reason - The assertion is not a JWT.]';
  const thumbprint = (algorithm: string): string => createHash(algorithm).update(certificate.raw).digest('base64url');
  const keyFound = header['x5t#S256'] === thumbprint('sha256') || header.x5t === thumbprint('sha1');
  if (!keyFound)
    return `[Reason - The key was not found., Thumbprint of key used by client: '${header['x5t#S256'] ?? header.x5t}']`;
  const claims = verifyJwt(assertion, certificate.publicKey, ['PS256', 'RS256']);
  if (!claims) return '[Reason - The signature is not valid.]';
  if (claims.aud !== tenant.tokenEndpoint) return `[Reason - The audience '${claims.aud}' is not the token endpoint.]`;
  if (claims.iss !== clientId || claims.sub !== clientId) return '[Reason - iss and sub must be the client id.]';
  if (typeof claims.exp !== 'number' || claims.exp <= nowSeconds()) return '[Reason - The assertion is expired.]';
  return undefined;
}
