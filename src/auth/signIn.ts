/**
 * Per-user delegated access: the token cache, commands waiting for sign-in, and the SSO token
 * exchange (validate, then On-Behalf-Of). Free of botbuilder: the bot passes `P`, whatever it
 * needs to resume a waiting command, and gets it back once the user is signed in.
 */
import { randomBytes } from 'node:crypto';
import { AppError, toAppError } from '../errors';
import type { Logger } from '../log';
import type { TokenProvider } from '../defender/types';
import { LruCache } from './lru';
import type { SsoCheck } from './ssoToken';
import { userKey, type AccessToken, type TokenAcquirer, type UserRef } from './types';

/** Settings of the sign-in service. */
export interface SignInOptions {
  readonly scopes: readonly string[];
  readonly maxUsers: number;
  /** Where the consent page starts: `${publicBaseUrl}/auth/start`. */
  readonly publicBaseUrl: string;
  /** How long a command waits for its sign-in. */
  readonly pendingTtlMs?: number;
}

/** Checks SSO tokens (SsoTokenValidator). */
export interface SsoValidator {
  check(token: string, expected: UserRef): Promise<SsoCheck>;
}

/** What the bot sends to ask Teams for an SSO token. */
export interface SignInPrompt {
  /** Id of this request; Teams echoes it in `signin/tokenExchange` (value.id). */
  readonly exchangeId: string;
  /** The consent page, for the sign-in button Teams shows when SSO cannot complete. */
  readonly signInUrl: string;
}

/** The outcome of a token exchange, which decides the invoke answer. */
export type ExchangeOutcome<P> =
  | { readonly kind: 'signed-in'; readonly pending?: P }
  | { readonly kind: 'duplicate' }
  | { readonly kind: 'consent-required'; readonly signInUrl: string; readonly error: AppError }
  | { readonly kind: 'stale'; readonly pending?: P; readonly retry: boolean }
  | { readonly kind: 'refused'; readonly detail: string }
  | { readonly kind: 'failed'; readonly error: AppError };

interface Pending<P> {
  readonly user: UserRef;
  readonly pending?: P;
  readonly flowId: string;
  readonly freshTokenAsked: boolean;
}

/** Margin before expiry after which a cached token is no longer handed out. */
const EXPIRY_MARGIN_MS = 5 * 60_000;
const DEFAULT_PENDING_TTL_MS = 15 * 60_000;

/** Keeps users' tokens and waiting commands; performs the exchange. */
export class SignInService<P> {
  private readonly tokens: LruCache<string, AccessToken>;
  private readonly pending: LruCache<string, Pending<P>>;
  private readonly flows: LruCache<string, string>;
  private readonly exchanges = new LruCache<string, Promise<ExchangeOutcome<P>>>(10_000);

  constructor(
    private readonly acquirer: TokenAcquirer,
    private readonly validator: SsoValidator,
    private readonly options: SignInOptions,
    private readonly logger: Logger,
  ) {
    this.tokens = new LruCache(options.maxUsers);
    this.pending = new LruCache(options.maxUsers);
    this.flows = new LruCache(options.maxUsers);
  }

  /** A provider of the user's cached token, or undefined when the user must sign in first. */
  tokenFor(user: UserRef): TokenProvider | undefined {
    const token = this.tokens.get(userKey(user));
    return token ? () => Promise.resolve(token.token) : undefined;
  }

  /** Forgets the user's token (Defender refused it). */
  forget(user: UserRef): void {
    this.tokens.delete(userKey(user));
  }

  /** Keeps a token for the user until shortly before it expires. */
  remember(user: UserRef, token: AccessToken): void {
    const keepUntil = token.expiresOn - EXPIRY_MARGIN_MS;
    if (keepUntil > Date.now()) this.tokens.set(userKey(user), token, keepUntil);
  }

  /** Remembers a command waiting for the user's sign-in and says how to ask Teams for a token. */
  requestSignIn(user: UserRef, pending?: P, freshTokenAsked = false): SignInPrompt {
    const key = userKey(user);
    const flowId = randomBytes(18).toString('base64url');
    const ttl = Date.now() + (this.options.pendingTtlMs ?? DEFAULT_PENDING_TTL_MS);
    this.pending.set(key, { user, pending, flowId, freshTokenAsked }, ttl);
    this.flows.set(flowId, key, ttl);
    return { exchangeId: flowId, signInUrl: this.flowUrl(flowId) };
  }

  /** The consent page for the user: the waiting command's flow, or a new flow with nothing waiting. */
  signInUrl(user: UserRef): string {
    const flowId = this.pending.get(userKey(user))?.flowId;
    return flowId ? this.flowUrl(flowId) : this.requestSignIn(user).signInUrl;
  }

  private flowUrl(flowId: string): string {
    return `${this.options.publicBaseUrl}/auth/start?flow=${flowId}`;
  }

  /** The user whose sign-in page `flowId` opens, if it is still waiting. */
  flowUser(flowId: string): UserRef | undefined {
    const key = this.flows.get(flowId);
    return key ? this.pending.get(key)?.user : undefined;
  }

  /** Takes the command waiting for this user, if any: it runs once. */
  takePending(user: UserRef): P | undefined {
    return this.pending.take(userKey(user))?.pending;
  }

  /**
   * Handles `signin/tokenExchange`. Teams sends it once per signed-in client: the first one for an
   * exchange id does the work; the others get `duplicate`, however close together they arrive.
   */
  exchange(user: UserRef, ssoToken: string, exchangeKey: string): Promise<ExchangeOutcome<P>> {
    if (this.exchanges.get(exchangeKey)) return Promise.resolve({ kind: 'duplicate' });
    const outcome = this.doExchange(user, ssoToken);
    this.exchanges.set(exchangeKey, outcome, Date.now() + 10 * 60_000);
    return outcome;
  }

  private async doExchange(user: UserRef, ssoToken: string): Promise<ExchangeOutcome<P>> {
    const key = userKey(user);
    const check = await this.validator.check(ssoToken, user);
    if (!check.ok) {
      this.logger.warn('auth.sso_rejected', { reason: check.reason, detail: check.detail });
      if (check.reason === 'expired') return this.stale(key);
      if (check.reason === 'unavailable')
        return { kind: 'failed', error: new AppError('upstream-failure', check.detail) };
      return { kind: 'refused', detail: check.detail };
    }
    try {
      this.remember(user, await this.acquirer.acquireOnBehalfOf(ssoToken, this.options.scopes));
    } catch (err) {
      const error = toAppError(err);
      if (error.code === 'sign-in-required') return this.stale(key);
      if (error.code === 'consent-required') {
        return { kind: 'consent-required', signInUrl: this.signInUrl(user), error };
      }
      return { kind: 'failed', error };
    }
    return { kind: 'signed-in', pending: this.pending.take(key)?.pending };
  }

  /** The assertion is stale: ask Teams for a fresh token once per waiting command, then give up. */
  private stale(key: string): ExchangeOutcome<P> {
    const waiting = this.pending.take(key);
    return { kind: 'stale', pending: waiting?.pending, retry: waiting !== undefined && !waiting.freshTokenAsked };
  }
}
