/**
 * Per-user delegated access: the token cache, sign-in flows with the command each one is waiting
 * to run, and the SSO token exchange (validate, then On-Behalf-Of). Free of botbuilder: the bot
 * passes `P`, whatever it needs to resume a waiting command, and gets it back once signed in.
 */
import { randomBytes } from 'node:crypto';
import { AppError, toAppError } from '../errors';
import type { Logger } from '../log';
import type { TokenProvider } from '../defender/types';
import { LruCache } from '../cache/lru';
import { CompletionCodes } from './completionCodes';
import { track } from '../cache/stats';
import type { SsoCheck } from './ssoToken';
import type { AccessToken, TokenAcquirer, UserRef } from './types';
import { userKey } from './userKey';

/** Checks SSO tokens (SsoTokenValidator). */
export interface SsoValidator {
  check(token: string, expected: UserRef): Promise<SsoCheck>;
}

/** Settings of the sign-in service. */
export interface SignInOptions {
  readonly scopes: readonly string[];
  readonly maxUsers: number;
  /** Where the consent page starts: `${publicBaseUrl}/auth/start`. */
  readonly publicBaseUrl: string;
  /** How long a command waits for its sign-in. */
  readonly pendingTtlMs?: number;
}

/** What the bot sends to ask Teams for an SSO token. */
export interface SignInPrompt {
  /** Id of this flow; Teams echoes it in `signin/tokenExchange` (value.id). */
  readonly exchangeId: string;
  /** The consent page, for the sign-in button Teams shows when SSO cannot complete. */
  readonly signInUrl: string;
}

/** The outcome of a token exchange, which decides the invoke answer. */
export type ExchangeOutcome<P> =
  | { readonly kind: 'signed-in'; readonly pending?: P; readonly flowKnown: boolean }
  | { readonly kind: 'duplicate'; readonly ok: boolean }
  | { readonly kind: 'not-yours' }
  | { readonly kind: 'consent-required'; readonly signInUrl: string; readonly error: AppError }
  | { readonly kind: 'stale'; readonly pending?: P; readonly retry: boolean }
  | { readonly kind: 'refused'; readonly detail: string }
  | { readonly kind: 'failed'; readonly error: AppError };

interface Flow<P> {
  readonly user: UserRef;
  readonly pending?: P;
  readonly freshTokenAsked: boolean;
}

/** Sign-ins one user may have waiting at once: a newer one drops that user's oldest, never another user's. */
export const MAX_FLOWS_PER_USER = 5;

/** Margin before expiry after which a cached token is no longer handed out. */
const EXPIRY_MARGIN_MS = 5 * 60_000;
const DEFAULT_PENDING_TTL_MS = 15 * 60_000;
/** How long a flow that ran its command is remembered as done. */
const RESUMED_MEMORY_MS = 10 * 60_000;

/** Keeps users' tokens and sign-in flows; performs the exchange. */
export class SignInService<P> {
  private readonly tokens: LruCache<string, AccessToken>;
  private readonly flows: LruCache<string, Flow<P>>;
  /** Each user's live flows, oldest first (at most MAX_FLOWS_PER_USER); the last is the newest. */
  private readonly userFlows: LruCache<string, readonly string[]>;
  /** Flows whose command was handed out lately: a second path that finishes the sign-in knows it ran. */
  private readonly resumed: LruCache<string, true>;
  /** Codes the sign-in page hands Teams (notifySuccess): verifyState and a retried card action bring them back. */
  readonly codes: CompletionCodes;
  private readonly exchanges = track('sign-in exchanges', new LruCache<string, Promise<ExchangeOutcome<P>>>(10_000));

  constructor(
    private readonly acquirer: TokenAcquirer,
    private readonly validator: SsoValidator,
    private readonly options: SignInOptions,
    private readonly logger: Logger,
  ) {
    this.tokens = track('token cache', new LruCache(options.maxUsers));
    // Room for every user's own waiting sign-ins: one user's many commands cannot push out another's.
    this.flows = track('sign-in flows', new LruCache(options.maxUsers * MAX_FLOWS_PER_USER));
    this.userFlows = track('sign-in flows of user', new LruCache(options.maxUsers));
    this.resumed = track('sign-in resumed', new LruCache(options.maxUsers * MAX_FLOWS_PER_USER));
    this.codes = new CompletionCodes(options.maxUsers * MAX_FLOWS_PER_USER);
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

  /** Starts a sign-in flow for the user, optionally with a command waiting for it. */
  requestSignIn(user: UserRef, pending?: P, freshTokenAsked = false): SignInPrompt {
    const flowId = randomBytes(18).toString('base64url');
    const ttl = Date.now() + (this.options.pendingTtlMs ?? DEFAULT_PENDING_TTL_MS);
    this.flows.set(flowId, { user, pending, freshTokenAsked }, ttl);
    const live = this.liveFlows(user);
    while (live.length >= MAX_FLOWS_PER_USER) this.flows.delete(live.shift() ?? '');
    this.userFlows.set(userKey(user), [...live, flowId], ttl);
    return { exchangeId: flowId, signInUrl: this.flowUrl(flowId) };
  }

  /** The consent page for the user's newest flow, or for a new flow with nothing waiting. */
  signInUrl(user: UserRef): string {
    const flowId = this.liveFlows(user).at(-1);
    return flowId ? this.flowUrl(flowId) : this.requestSignIn(user).signInUrl;
  }

  /** The user a flow belongs to, while it is alive. */
  flowUser(flowId: string): UserRef | undefined {
    return this.flows.get(flowId)?.user;
  }

  /** The command a flow is waiting to run, left in place (e.g. to read its user's language). */
  flowPending(flowId: string): P | undefined {
    return this.flows.get(flowId)?.pending;
  }

  /** Ends a flow and gives its waiting command, if any: it runs once. */
  takeFlow(flowId: string): P | undefined {
    const pending = this.flows.take(flowId)?.pending;
    if (pending !== undefined) this.resumed.set(flowId, true, Date.now() + RESUMED_MEMORY_MS);
    return pending;
  }

  /** Whether the flow's command was handed out lately (by whichever path finished the sign-in first). */
  wasResumed(flowId: string): boolean {
    return this.resumed.get(flowId) === true;
  }

  /** Ends the user's newest flow and gives its waiting command (for `signin/verifyState`). */
  takeLatest(user: UserRef): P | undefined {
    const flowId = this.liveFlows(user).at(-1);
    return flowId ? this.takeFlow(flowId) : undefined;
  }

  /** The user's flows still alive, oldest first. */
  private liveFlows(user: UserRef): string[] {
    return (this.userFlows.get(userKey(user)) ?? []).filter((id) => this.owns(id, user));
  }

  private owns(flowId: string, user: UserRef): boolean {
    const flow = this.flows.get(flowId);
    return flow !== undefined && userKey(flow.user) === userKey(user);
  }

  /**
   * Handles `signin/tokenExchange` for flow `exchangeId`. Teams sends it once per signed-in client:
   * the first invoke for `dedupeKey` does the work; the others wait for it and get `duplicate`,
   * with its success or failure, so every client gets the same answer and the command runs once.
   */
  exchange(user: UserRef, ssoToken: string, exchangeId: string, dedupeKey: string): Promise<ExchangeOutcome<P>> {
    const first = this.exchanges.get(dedupeKey);
    if (first) return first.then((o) => ({ kind: 'duplicate', ok: o.kind === 'signed-in' || o.kind === 'not-yours' }));
    const outcome = this.doExchange(user, ssoToken, exchangeId);
    this.exchanges.set(dedupeKey, outcome, Date.now() + 10 * 60_000);
    return outcome;
  }

  private async doExchange(user: UserRef, ssoToken: string, exchangeId: string): Promise<ExchangeOutcome<P>> {
    const flow = this.flows.get(exchangeId);
    // Another member's Teams client answering this user's card (group chat): not their flow.
    if (flow && userKey(flow.user) !== userKey(user)) return { kind: 'not-yours' };
    const check = await this.validator.check(ssoToken, user);
    if (!check.ok) {
      this.logger.warn('auth.sso_rejected', { reason: check.reason, detail: check.detail });
      if (check.reason === 'expired') return this.stale(exchangeId);
      if (check.reason === 'unavailable')
        return { kind: 'failed', error: new AppError('upstream-failure', check.detail) };
      return { kind: 'refused', detail: check.detail };
    }
    try {
      this.remember(user, await this.acquirer.acquireOnBehalfOf(ssoToken, this.options.scopes, user.tenantId));
    } catch (err) {
      const error = toAppError(err);
      if (error.code === 'sign-in-required') return this.stale(exchangeId);
      if (error.code === 'consent-required') {
        const signInUrl = flow ? this.flowUrl(exchangeId) : this.signInUrl(user);
        return { kind: 'consent-required', signInUrl, error };
      }
      return { kind: 'failed', error };
    }
    return { kind: 'signed-in', pending: this.takeFlow(exchangeId), flowKnown: flow !== undefined };
  }

  /** The assertion is stale: ask Teams for a fresh token once per waiting command, then give up. */
  private stale(exchangeId: string): ExchangeOutcome<P> {
    const flow = this.flows.take(exchangeId);
    return { kind: 'stale', pending: flow?.pending, retry: flow !== undefined && !flow.freshTokenAsked };
  }

  private flowUrl(flowId: string): string {
    return `${this.options.publicBaseUrl}/auth/start?flow=${flowId}`;
  }
}
