/** The channel's side of Bot Framework auth ("Authentication with the Bot Connector API"): OpenID metadata, JWKS with endorsements, RS256 channel tokens, the bot's bearer check. */
import { signJwt, signingKey, publicJwk, nowSeconds, type SigningKey } from '../jwt';

/** Turns channel authentication on in the fake connector. */
export interface ChannelAuthOptions {
  /** The bot's app id: the audience of channel tokens. */
  readonly appId: string;
  /** Checks the bearer token on the bot's outbound calls; false answers 401. Absent: outbound auth is not checked. */
  readonly verifyBotToken?: (token: string) => boolean;
}

/** What a test may change in a channel token, to forge one. */
export interface ChannelTokenOverrides {
  readonly aud?: string;
  readonly iss?: string;
  readonly serviceUrl?: string;
  readonly exp?: number;
  readonly nbf?: number;
  /** Sign with a key the JWKS does not list (with its own kid unless `kid` is given). */
  readonly foreignKey?: boolean;
  /** The kid the token's header names. */
  readonly kid?: string;
}

/** The documented issuer of channel tokens (and the audience of the bot's own tokens). */
export const TOKEN_ISSUER = 'https://api.botframework.com';
/** Where the documented OpenID metadata document is served. */
export const OPENID_PATH = '/v1/.well-known/openidconfiguration';
/** Where the signing keys are served (the metadata's jwks_uri). */
export const KEYS_PATH = '/v1/.well-known/keys';

const LIFETIME_SECONDS = 60 * 60;

/** The signing key, the documents that publish it, and the tokens it signs. */
export class ChannelAuth {
  private readonly key: SigningKey = signingKey();
  private foreign?: SigningKey;

  constructor(private readonly options: ChannelAuthOptions) {}

  get keyId(): string {
    return this.key.kid;
  }

  /** The OpenID metadata document, with the documented fields, pointing at this server's keys. */
  metadata(baseUrl: string): Record<string, unknown> {
    return {
      issuer: TOKEN_ISSUER,
      authorization_endpoint: 'https://invalid.botframework.com',
      jwks_uri: `${baseUrl}${KEYS_PATH}`,
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
    };
  }

  /** The JWKS document: the one signing key, endorsed for Teams. */
  keys(): { keys: Record<string, unknown>[] } {
    return { keys: [publicJwk(this.key, { endorsements: ['msteams'] })] };
  }

  /** A token as the channel signs it for this bot, sent with an activity from `serviceUrl`. */
  token(serviceUrl: string, overrides: ChannelTokenOverrides = {}): string {
    const now = nowSeconds();
    const payload = {
      serviceurl: overrides.serviceUrl ?? serviceUrl,
      nbf: overrides.nbf ?? now,
      exp: overrides.exp ?? now + LIFETIME_SECONDS,
      iss: overrides.iss ?? TOKEN_ISSUER,
      aud: overrides.aud ?? this.options.appId,
    };
    const key = overrides.foreignKey ? (this.foreign ??= signingKey()) : this.key;
    return signJwt(key, payload, overrides.kid === undefined ? {} : { kid: overrides.kid });
  }

  /** Whether the bot's outbound Authorization header passes; always true when outbound auth is not checked. */
  allows(authorization: string | undefined): boolean {
    if (!this.options.verifyBotToken) return true;
    const bearer = /^Bearer (\S+)$/.exec(authorization ?? '');
    return bearer !== null && this.options.verifyBotToken(bearer[1]);
  }
}
