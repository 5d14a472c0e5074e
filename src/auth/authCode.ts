/** The authorization code flow (with PKCE) behind the consent page, as a small interface over MSAL. */
import { CryptoProvider, type ConfidentialClientApplication } from '@azure/msal-node';
import { AppError } from '../errors';
import { toAuthAppError } from './msalErrors';
import { accessTokenOf, ENTRA_TIMEOUT_MS, forgetUser } from './msalTokens';
import { withTimeout } from '../time';
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

/** What a sign-in starts with; `tenantId` sends the user to that tenant's authority instead of the configured one. */
export interface AuthCodeStartOptions {
  readonly state: string;
  readonly redirectUri: string;
  readonly scopes: readonly string[];
  readonly loginHint?: string;
  readonly tenantId?: string;
}

/** What a code is redeemed with; `tenantId` must be the one the sign-in was started for. */
export interface AuthCodeRedeemOptions {
  readonly code: string;
  readonly codeVerifier: string;
  readonly redirectUri: string;
  readonly scopes: readonly string[];
  readonly tenantId?: string;
}

/** Builds sign-in URLs and redeems their codes. */
export interface AuthCodeClient {
  /** A PKCE pair and the authorize URL for `scopes`. */
  start(options: AuthCodeStartOptions): Promise<AuthCodeStart>;
  /** Exchanges a code for a token, and says who signed in. */
  redeem(options: AuthCodeRedeemOptions): Promise<AuthCodeResult>;
}

/** AuthCodeClient on msal-node's confidential client. */
export class MsalAuthCodeClient implements AuthCodeClient {
  private readonly crypto = new CryptoProvider();

  /** `authorityHost` (e.g. `https://login.microsoftonline.com`) is needed only for per-tenant sign-ins. */
  constructor(
    private readonly client: ConfidentialClientApplication,
    private readonly authorityHost?: string,
    private readonly timeoutMs = ENTRA_TIMEOUT_MS,
  ) {}

  /**
   * A PKCE pair and the authorize URL. No `prompt`: Entra ID asks for consent by itself when it is
   * missing, and forcing it would ask users again after an administrator consented for the tenant.
   */
  async start(options: AuthCodeStartOptions): Promise<AuthCodeStart> {
    const { verifier, challenge } = await this.crypto.generatePkceCodes();
    try {
      const url = await this.deadline(
        this.client.getAuthCodeUrl({
          scopes: [...options.scopes],
          redirectUri: options.redirectUri,
          state: options.state,
          codeChallenge: challenge,
          codeChallengeMethod: 'S256',
          loginHint: options.loginHint,
          authority: this.authority(options.tenantId),
        }),
      );
      return { url, codeVerifier: verifier };
    } catch (err) {
      throw toAuthAppError(err, 'sign-in URL (authorization code)');
    }
  }

  /**
   * Exchanges the code (with its PKCE verifier) for a token, and reads who signed in. The caller keeps
   * the token; MSAL's copy (account, ID, access and refresh tokens, kept in memory forever) is removed.
   */
  async redeem(options: AuthCodeRedeemOptions): Promise<AuthCodeResult> {
    try {
      const result = await this.deadline(
        this.client.acquireTokenByCode({
          code: options.code,
          codeVerifier: options.codeVerifier,
          redirectUri: options.redirectUri,
          scopes: [...options.scopes],
          authority: this.authority(options.tenantId),
        }),
      );
      await forgetUser(this.client, result);
      const claims = (result.idTokenClaims ?? {}) as { oid?: string; tid?: string };
      const userId = claims.oid ?? result.account?.localAccountId ?? result.uniqueId;
      const tenantId = claims.tid ?? result.account?.tenantId ?? result.tenantId;
      return {
        token: accessTokenOf(result),
        user: { userId, tenantId },
      };
    } catch (err) {
      throw toAuthAppError(err, 'token (authorization code)');
    }
  }

  private deadline<T>(call: Promise<T>): Promise<T> {
    return withTimeout(call, this.timeoutMs, 'Entra ID');
  }

  private authority(tenantId: string | undefined): string | undefined {
    if (tenantId === undefined) return undefined;
    if (!this.authorityHost) throw new AppError('config', 'MsalAuthCodeClient: a tenantId needs the authority host');
    return `${this.authorityHost}/${encodeURIComponent(tenantId)}`;
  }
}
