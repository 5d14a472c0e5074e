/** JSON Web Tokens for the stand-ins with Node's crypto only: signing key, public JWK, sign (RS256), verify (RS256, PS256). */
import { constants, createPublicKey, generateKeyPairSync, randomUUID, sign, verify, type KeyObject } from 'node:crypto';

/** A signing key with its key id. */
export interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

/** Generates a 2048-bit RSA signing key. */
export function signingKey(kid: string = randomUUID()): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid, privateKey, publicKey };
}

/** The public key as a JWK, as Entra ID's and Bot Framework's JWKS documents list them. */
export function publicJwk(key: SigningKey, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const jwk = key.publicKey.export({ format: 'jwk' });
  return { kty: 'RSA', use: 'sig', kid: key.kid, n: jwk.n, e: jwk.e, ...extra };
}

const b64 = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Signs `payload` with RS256; `header` may add fields (x5t, typ) or override `kid`. */
export function signJwt(key: SigningKey, payload: object, header: Record<string, unknown> = {}): string {
  const head = b64({ typ: 'JWT', alg: 'RS256', kid: key.kid, ...header });
  const input = `${head}.${b64(payload)}`;
  return `${input}.${sign('RSA-SHA256', Buffer.from(input), key.privateKey).toString('base64url')}`;
}

/** Decodes a JWT without checking it. Undefined when it is not three base64url JSON parts. */
export function decodeJwt(token: string): { header: Record<string, any>; payload: Record<string, any> } | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8')) as Record<string, any>;
    const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as Record<string, any>;
    return { header, payload };
  } catch {
    return undefined;
  }
}

/** JWS algorithms the stand-ins check: RSASSA-PKCS1-v1_5 and RSASSA-PSS, both with SHA-256. */
type JwtAlgorithm = 'RS256' | 'PS256';

/** The payload when the header's `alg` is one of `algorithms` and the signature verifies with `publicKey` (a KeyObject, PEM or certificate). */
export function verifyJwt(
  token: string,
  publicKey: KeyObject | string,
  algorithms: readonly JwtAlgorithm[] = ['RS256'],
): Record<string, any> | undefined {
  const decoded = decodeJwt(token);
  const alg = decoded?.header.alg as JwtAlgorithm;
  if (!decoded || !algorithms.includes(alg)) return undefined;
  const [head, body, signature] = token.split('.');
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  // RFC 7518 3.5: PS256 uses MGF1 with SHA-256 and a salt as long as the hash.
  const options = alg === 'PS256' ? { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 } : {};
  const data = Buffer.from(`${head}.${body}`);
  const ok = verify('sha256', data, { key, ...options }, Buffer.from(signature, 'base64url'));
  return ok ? decoded.payload : undefined;
}

/** Seconds since the epoch, as JWT times are written. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
