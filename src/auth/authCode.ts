/** The authorization code flow (with PKCE) behind the consent page, as a small interface over MSAL. */
import { CryptoProvider, type ConfidentialClientApplication } from '@azure/msal-node';
import { toAuthAppError } from './msalErrors';
import type { AccessToken, UserRef } from './types';

/** A started sign-in: where to send the browser, and the secret to redeem its code with. */
export interface AuthCodeStart {
  readonly url: string;
  readonly codeVerifier: string;
}

/** What redeeming a code gives: the token and who signed in. */
export interface AuthCodeResult {
  readonly token: AccessToken;
  readonly user: UserRef;
}

/** Builds sign-in URLs and redeems their codes. */
export interface AuthCodeClient {
  start(options: {
    state: string;
    redirectUri: string;
    scopes: readonly string[];
    loginHint?: string;
    tenantId?: string;
  }): Promise<AuthCodeStart>;
  redeem(options: {
    code: string;
    codeVerifier: string;
    redirectUri: string;
    scopes: readonly string[];
    tenantId?: string;
  }): Promise<AuthCodeResult>;
}

/** AuthCodeClient on msal-node's confidential client. */
export class MsalAuthCodeClient implements AuthCodeClient {
  private readonly crypto = new CryptoProvider();

  constructor(private readonly client: ConfidentialClientApplication) {}

  /** A PKCE pair and the authorize URL that asks for consent to `scopes`. */
  async start(options: { state: string; redirectUri: string; scopes: readonly string[]; loginHint?: string }) {
    const { verifier, challenge } = await this.crypto.generatePkceCodes();
    const url = await this.client.getAuthCodeUrl({
      scopes: [...options.scopes],
      redirectUri: options.redirectUri,
      state: options.state,
      codeChallenge: challenge,
      codeChallengeMethod: 'S256',
      prompt: 'consent',
      loginHint: options.loginHint,
    });
    return { url, codeVerifier: verifier };
  }

  /** Exchanges the code (with its PKCE verifier) for a token, and reads who signed in. */
  async redeem(options: { code: string; codeVerifier: string; redirectUri: string; scopes: readonly string[] }) {
    try {
      const result = await this.client.acquireTokenByCode({
        code: options.code,
        codeVerifier: options.codeVerifier,
        redirectUri: options.redirectUri,
        scopes: [...options.scopes],
      });
      const claims = (result.idTokenClaims ?? {}) as { oid?: string; tid?: string };
      const userId = claims.oid ?? result.account?.localAccountId ?? result.uniqueId;
      const tenantId = claims.tid ?? result.account?.tenantId ?? result.tenantId;
      return {
        token: { token: result.accessToken, expiresOn: result.expiresOn?.getTime() ?? Date.now() + 5 * 60_000 },
        user: { userId, tenantId },
      };
    } catch (err) {
      throw toAuthAppError(err, 'token (authorization code)');
    }
  }
}
