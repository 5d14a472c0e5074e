/** One tenant of the fake Entra ID: its token signing certificate and issuers, the app registration, and the state tests script (signed-in user, missing consent, revoked SSO tokens, codes). */
import { createHash, createPrivateKey, createPublicKey, randomUUID } from 'node:crypto';
import { decodeJwt, publicJwk, signJwt, signingKey, verifyJwt, type SigningKey } from '../jwt';
import { selfSigned } from '../tls';
import type { EntraApp, EntraUser } from './types';

/** Token version: v1 tokens carry appid/upn and the v1 issuer; v2 tokens azp/preferred_username. */
export type TokenVersion = '1.0' | '2.0';

/** An authorization code handed out by /authorize. */
export interface AuthCode {
  readonly user: EntraUser;
  readonly redirectUri: string;
  readonly scope: string;
  readonly challenge?: string;
  readonly challengeMethod?: string;
  readonly nonce?: string;
  readonly expiresAt: number;
  used: boolean;
}

interface SigningCertificate {
  readonly key: SigningKey;
  readonly x5c: string;
}

let signing: SigningCertificate | undefined;
let foreign: SigningKey | undefined;

/** The token signing certificate, made once per process; kid = x5t = its SHA-1 thumbprint, as Entra's keys. */
function signingCertificate(): SigningCertificate {
  if (!signing) {
    const made = selfSigned('fake Entra ID token signing');
    const kid = createHash('sha1').update(made.der).digest('base64url');
    const privateKey = createPrivateKey(made.keyPem);
    signing = { key: { kid, privateKey, publicKey: createPublicKey(privateKey) }, x5c: made.der.toString('base64') };
  }
  return signing;
}

/** A key no JWKS of the fake lists. */
export function foreignKey(): SigningKey {
  foreign ??= signingKey();
  return foreign;
}

/** The tenant's state. */
export class EntraTenant {
  /** Users whose consent to the app's delegated permissions is missing. */
  readonly consentMissing = new Set<string>();
  /** `uti` of SSO tokens revoked by `revoke`. */
  readonly revokedTokens = new Set<string>();
  readonly codes = new Map<string, AuthCode>();
  /** Whether an admin granted the app its application permissions here (else no service principal: AADSTS7000229). */
  adminConsent = true;
  /** The object id of the app's service principal: the `oid` of app-only tokens. */
  readonly servicePrincipalOid = randomUUID();
  signedIn?: EntraUser;
  private readonly ssoTokens = new Map<string, string[]>();
  private readonly signing = signingCertificate();

  constructor(
    readonly url: string,
    readonly tenantId: string,
    readonly app: EntraApp,
    readonly lifetimeSeconds: number,
  ) {}

  issuer(ver: TokenVersion, tid = this.tenantId): string {
    return ver === '1.0' ? `${this.url}/${tid}/` : `${this.url}/${tid}/v2.0`;
  }

  /** The v2.0 token endpoint, the audience of client assertions. */
  get tokenEndpoint(): string {
    return `${this.url}/${this.tenantId}/oauth2/v2.0/token`;
  }

  /** The JWKS document: the signing key with its certificate (x5t, x5c), as Entra publishes them. */
  jwks(ver: TokenVersion): Record<string, unknown> {
    const { key, x5c } = this.signing;
    const issuer = ver === '2.0' ? { issuer: this.issuer('2.0') } : {};
    return { keys: [publicJwk(key, { x5t: key.kid, x5c: [x5c], ...issuer })] };
  }

  /** Signs claims with the tenant's key; v1 tokens carry the legacy `x5t` header too. */
  sign(payload: object, ver: TokenVersion, key: SigningKey = this.signing.key): string {
    return signJwt(key, payload, ver === '1.0' ? { x5t: key.kid } : {});
  }

  /** The payload of a token this tenant signed (right kid and signature), expired or not. */
  verify(token: string): Record<string, any> | undefined {
    if (decodeJwt(token)?.header.kid !== this.signing.key.kid) return undefined;
    return verifyJwt(token, this.signing.key.publicKey);
  }

  /** Notes an SSO token issued to a user, so that `revoke` can find it. */
  rememberSso(oid: string, uti: string): void {
    this.ssoTokens.set(oid, [...(this.ssoTokens.get(oid) ?? []), uti]);
  }

  /** Revokes every SSO token issued to the user so far; later ones are good. */
  revoke(oid: string): void {
    for (const uti of this.ssoTokens.get(oid) ?? []) this.revokedTokens.add(uti);
  }
}
