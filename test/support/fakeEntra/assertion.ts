/** The user assertion of an On-Behalf-Of request. */
import { nowSeconds } from '../jwt';
import { invalidGrant } from './errors';
import type { EntraTenant } from './tenant';
import type { EntraUser } from './types';

/** Entra's clock skew allowance for `nbf`. */
const SKEW_SECONDS = 300;

const time = (seconds: unknown): string =>
  typeof seconds === 'number' ? new Date(seconds * 1000).toISOString() : String(seconds);

/** The user the assertion stands for; throws invalid_grant when Entra would refuse it. */
export function assertedUser(tenant: EntraTenant, assertion: string | undefined): EntraUser {
  if (!assertion) throw invalidGrant(50013, 'Assertion is malformed: the request has no assertion.');
  const claims = tenant.verify(assertion);
  if (!claims) throw invalidGrant(50013, 'Assertion failed signature validation. [Reason - The key was not found.]');
  const issuers = [tenant.issuer('1.0'), tenant.issuer('2.0')];
  if (claims.tid !== tenant.tenantId || !issuers.includes(claims.iss)) {
    throw invalidGrant(
      50013,
      `Assertion issuer '${claims.iss}' (tenant '${claims.tid}') is not valid for this tenant.`,
    );
  }
  const now = nowSeconds();
  if (typeof claims.exp !== 'number' || claims.exp <= now || (claims.nbf ?? 0) > now + SKEW_SECONDS) {
    const detail = `Assertion is not within its valid time range. Ensure that the access token is not expired before using it for user assertion, or request a new token. Current time: ${time(now)}, expiry time of assertion ${time(claims.exp)}.`;
    throw invalidGrant(500133, detail);
  }
  const { app } = tenant;
  if (claims.aud !== app.clientId && claims.aud !== app.ssoResource) {
    const detail = `Assertion audience does not match the Client app presenting the assertion. The audience in the assertion was '${claims.aud}' and the expected audience is '${app.clientId}' or one of the Application Id URIs of this web API.`;
    throw invalidGrant(50013, detail);
  }
  if (typeof claims.scp !== 'string')
    throw invalidGrant(50013, 'Assertion is not a user token: OBO works for user principals only.');
  if (tenant.revokedTokens.has(claims.uti))
    throw invalidGrant(50013, 'Assertion is invalid: it was revoked. Get a new token for the user.');
  return {
    oid: claims.oid,
    tid: claims.tid,
    name: claims.name,
    preferredUsername: claims.preferred_username ?? claims.upn,
  };
}
