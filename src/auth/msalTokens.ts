/** TokenAcquirer implemented with msal-node: On-Behalf-Of for users, client credentials for the app. */
import type { AuthenticationResult, ConfidentialClientApplication } from '@azure/msal-node';
import { AppError } from '../errors';
import type { Logger } from '../log';
import { toAuthAppError } from './msalErrors';
import { withTimeout } from '../time';
import type { AccessToken, TokenAcquirer } from './types';

/** How long one call to Entra ID may take; msal-node sets no timeout on its POSTs. */
export const ENTRA_TIMEOUT_MS = 10_000;

/** Acquires tokens with one confidential client. Logs scopes and outcomes, never tokens. */
export class MsalTokenAcquirer implements TokenAcquirer {
  constructor(
    private readonly client: ConfidentialClientApplication,
    private readonly logger: Logger,
    private readonly timeoutMs = ENTRA_TIMEOUT_MS,
    /** With it, On-Behalf-Of for a user of another tenant asks that tenant's authority. */
    private readonly authorityHost?: string,
  ) {}

  /**
   * On-Behalf-Of. The caller keeps the token in its own bounded per-user cache, so MSAL's copy
   * (account, access, refresh and ID tokens, kept forever in memory) is removed at once: otherwise
   * MSAL's cache would grow by four entries for every user who ever signed in.
   */
  acquireOnBehalfOf(userAssertion: string, scopes: readonly string[], tenantId?: string): Promise<AccessToken> {
    return this.run('obo', scopes, async () => {
      const result = await this.client.acquireTokenOnBehalfOf({
        oboAssertion: userAssertion,
        scopes: [...scopes],
        skipCache: true,
        ...(tenantId && this.authorityHost ? { authority: `${this.authorityHost}/${tenantId}` } : {}),
      });
      await forgetUser(this.client, result);
      return result;
    });
  }

  /**
   * Client credentials (app-only permissions), in `tenantId` when given: each organisation issues the
   * token for its own data. MSAL keeps one cached token per tenant; callers ask only for allowed tenants.
   */
  acquireForApp(scopes: readonly string[], tenantId?: string): Promise<AccessToken> {
    // Never fall back to the home tenant's token for another organisation.
    if (tenantId && !this.authorityHost) {
      return Promise.reject(new AppError('config', 'no authority host to ask another tenant for a token'));
    }
    const authority = tenantId && this.authorityHost ? { authority: `${this.authorityHost}/${tenantId}` } : {};
    return this.run(
      'app',
      scopes,
      () => this.client.acquireTokenByClientCredential({ scopes: [...scopes], ...authority }),
      tenantId,
    );
  }

  private async run(
    flow: 'obo' | 'app',
    scopes: readonly string[],
    call: () => Promise<AuthenticationResult | null>,
    tenantId?: string,
  ): Promise<AccessToken> {
    const started = Date.now();
    try {
      const result = await withTimeout(call(), this.timeoutMs, 'Entra ID');
      if (!result?.accessToken) throw new AppError('upstream-failure', 'Entra ID returned no access token');
      this.logger.info('auth.token', { flow, scopes, tenantId, fromCache: result.fromCache, ms: Date.now() - started });
      return accessTokenOf(result);
    } catch (err) {
      const error = toAuthAppError(err, `token (${flow})`, flow === 'app' ? tenantId : undefined);
      this.logger.warn('auth.token_failed', {
        flow,
        scopes,
        tenantId,
        code: error.code,
        upstreamCode: error.details.upstreamCode,
        correlationId: error.details.correlationId,
        ms: Date.now() - started,
      });
      throw error;
    }
  }
}

/** The token of an MSAL result and when it expires (5 minutes from now when MSAL does not say). */
export function accessTokenOf(result: AuthenticationResult): AccessToken {
  return { token: result.accessToken, expiresOn: result.expiresOn?.getTime() ?? Date.now() + 5 * 60_000 };
}

/**
 * Removes the user of a delegated result from MSAL's in-memory cache (account, access, refresh and
 * ID tokens): the bot keeps users' tokens in its own bounded cache, and MSAL's would grow forever.
 */
export async function forgetUser(
  client: ConfidentialClientApplication,
  result: AuthenticationResult | null,
): Promise<void> {
  if (result?.account) await client.getTokenCache().removeAccount(result.account);
}
