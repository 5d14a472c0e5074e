/** What the rest of the application needs from token acquisition, free of MSAL's types. */

/** Why the user sees a sign-in card. */
export type SignInReason =
  'consent-required' | 'sign-in-required' | 'sso-failed' | 'verify-failed' | 'channel' | 'sign-in-slow';

/** An access token and when it stops being valid. Never logged. */
export interface AccessToken {
  readonly token: string;
  /** Milliseconds since the epoch. */
  readonly expiresOn: number;
}

/** Gets tokens from Entra ID: for a user (On-Behalf-Of) or for the bot itself (client credentials). */
export interface TokenAcquirer {
  /** Exchanges a user's SSO token for a token to `scopes`, on that user's behalf (in the user's tenant, if given). */
  acquireOnBehalfOf(userAssertion: string, scopes: readonly string[], tenantId?: string): Promise<AccessToken>;
  /**
   * A token for the application itself (app-only permissions), e.g. `https://host/.default`, issued by
   * `tenantId` (default: the bot's own tenant). Fails with `admin-consent-required` in an organisation
   * whose admin has not consented to the app.
   */
  acquireForApp(scopes: readonly string[], tenantId?: string): Promise<AccessToken>;
}

/** A Teams user: Entra tenant and object id. */
export interface UserRef {
  readonly tenantId: string;
  readonly userId: string;
}
