/**
 * The consent page behind the sign-in button: `/auth/start` sends the browser to Entra ID
 * (authorization code flow with PKCE); `/auth/callback` redeems the code, checks that the person
 * who signed in is the one who asked, keeps the token and hands back the waiting command.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { toAppError } from '../errors';
import type { Logger } from '../log';
import { consentPage, type ConsentPage } from '../cards/signInText';
import { DEFAULT_LOCALE, type Locale } from '../i18n';
import type { AuthCodeClient } from './authCode';
import { LruCache } from '../cache/lru';
import { track } from '../cache/stats';
import type { SignInService } from './signIn';
import type { UserRef } from './types';
import { signals } from '../telemetry/signals';

export type { ConsentPage } from '../cards/signInText';

/** What `/auth/start` does: redirect to Entra ID, or show a page. */
export type StartResult =
  | {
      readonly redirect: string;
      /** A secret for a cookie: the callback must come back to the browser that started (no login CSRF). */
      readonly browserBinding: string;
    }
  | { readonly page: ConsentPage };

/** What `/auth/callback` gives: the page, and the user and waiting command when sign-in worked. */
export interface CallbackResult<P> {
  readonly page: ConsentPage;
  readonly signedIn?: { readonly user: UserRef; readonly pending?: P };
}

/** The query Entra ID sends back to the redirect URI. */
export interface CallbackQuery {
  readonly code?: string;
  readonly state?: string;
  readonly error?: string;
  /** The cookie set by `/auth/start` in this browser. */
  readonly browserBinding?: string;
  /** The browser's language, for pages about a flow the bot no longer knows. */
  readonly locale?: Locale;
}

interface FlowState {
  readonly flowId: string;
  readonly browserBinding: string;
  readonly user: UserRef;
  readonly codeVerifier: string;
  /** The language the sign-in started in: the callback's pages use it too. */
  readonly locale: Locale;
}

const STATE_TTL_MS = 10 * 60_000;
/** Browsers whose sign-in of one flow may be under way at once (the asker, and a few others who opened the link). */
export const MAX_STATES_PER_FLOW = 4;

/** One browser's sign-in of a flow. */
interface Opener {
  readonly state: string;
  readonly browserBinding: string;
}

/** The consent page's two steps. */
export class ConsentFlow<P> {
  private readonly states = track('consent states', new LruCache<string, FlowState>(10_000));
  /**
   * The live states of each flow, one per browser that opened its link (at most MAX_STATES_PER_FLOW,
   * oldest first): another member of a group chat opening the asker's link does not end the asker's
   * sign-in, and the same browser opening it again replaces its own state instead of piling up.
   */
  private readonly statesOfFlow = track('consent states of flow', new LruCache<string, readonly Opener[]>(10_000));

  constructor(
    private readonly signIn: SignInService<P>,
    private readonly codes: AuthCodeClient,
    private readonly options: { readonly publicBaseUrl: string; readonly scopes: readonly string[] },
    private readonly logger: Logger,
  ) {}

  /** The redirect URI registered on the app: `${publicBaseUrl}/auth/callback`. */
  get redirectUri(): string {
    return `${this.options.publicBaseUrl}/auth/callback`;
  }

  /**
   * Starts the sign-in for a flow id from a sign-in button; its pages are in `locale`. `openerBinding`:
   * the cookie this browser already holds, if any (the same opener again).
   */
  async start(flowId: string, locale: Locale = DEFAULT_LOCALE, openerBinding?: string): Promise<StartResult> {
    const user = this.signIn.flowUser(flowId);
    if (!user) return { page: consentPage('expired', locale) };
    const state = randomBytes(32).toString('base64url');
    try {
      const started = await this.codes.start({
        state,
        redirectUri: this.redirectUri,
        scopes: this.options.scopes,
        tenantId: user.tenantId,
      });
      const browserBinding = randomBytes(32).toString('base64url');
      const flowState = { flowId, browserBinding, user, codeVerifier: started.codeVerifier, locale };
      this.keepState(state, flowState, openerBinding);
      return { redirect: started.url, browserBinding };
    } catch (err) {
      this.logger.warn('auth.consent_start_failed', { code: toAppError(err).code });
      return { page: consentPage('unavailable', locale) };
    }
  }

  /** Finishes the sign-in; the state is single-use. */
  async callback(query: CallbackQuery): Promise<CallbackResult<P>> {
    const flow = query.state ? this.states.take(query.state) : undefined;
    if (!flow) return { page: consentPage('expired', query.locale) };
    const page = (key: Parameters<typeof consentPage>[0]): ConsentPage => {
      signals().signIn('consent', key);
      return consentPage(key, flow.locale);
    };
    if (!sameSecret(flow.browserBinding, query.browserBinding)) {
      this.logger.warn('auth.consent_other_browser', {});
      return { page: page('otherBrowser') };
    }
    if (query.error || !query.code) {
      this.logger.info('auth.consent_declined', { error: query.error?.slice(0, 60) });
      return { page: page('declined') };
    }
    try {
      const result = await this.codes.redeem({
        code: query.code,
        codeVerifier: flow.codeVerifier,
        redirectUri: this.redirectUri,
        scopes: this.options.scopes,
        tenantId: flow.user.tenantId,
      });
      if (!sameUser(result.user, flow.user)) {
        this.logger.warn('auth.consent_wrong_user', {});
        return { page: page('wrongUser') };
      }
      this.signIn.remember(flow.user, result.token);
      const pending = this.signIn.takeFlow(flow.flowId);
      // The command may already be running: Teams' verifyState can finish a sign-in too (it runs once).
      const running = pending !== undefined || this.signIn.wasResumed(flow.flowId);
      this.logger.info('auth.consent_done', { resumed: pending !== undefined, running });
      // The code Teams gets from the page (notifySuccess) and brings back in verifyState or a card action.
      const code = this.signIn.codes.issue(flow.user, flow.flowId);
      return {
        page: { ...page(running ? 'done' : 'doneSendAgain'), result: code },
        signedIn: { user: flow.user, pending },
      };
    } catch (err) {
      const error = toAppError(err);
      this.logger.warn('auth.consent_failed', { code: error.code, upstreamCode: error.details.upstreamCode });
      return { page: page(error.code === 'consent-required' ? 'declined' : 'unavailable') };
    }
  }

  /** Keeps `state` as the opener's state of its flow, dropping the opener's previous one and the oldest beyond the cap. */
  private keepState(state: string, flowState: FlowState, openerBinding: string | undefined): void {
    const { flowId } = flowState;
    const openers = (this.statesOfFlow.get(flowId) ?? []).filter((o) => {
      const live = this.states.get(o.state) !== undefined;
      const same = live && openerBinding !== undefined && sameSecret(o.browserBinding, openerBinding);
      if (same) this.states.delete(o.state);
      return live && !same;
    });
    while (openers.length >= MAX_STATES_PER_FLOW) this.states.delete(openers.shift()?.state ?? '');
    const expiresAt = Date.now() + STATE_TTL_MS;
    this.states.set(state, flowState, expiresAt);
    this.statesOfFlow.set(flowId, [...openers, { state, browserBinding: flowState.browserBinding }], expiresAt);
  }
}

function sameSecret(expected: string, given: string | undefined): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given ?? '');
  return a.length === b.length && timingSafeEqual(a, b);
}

function sameUser(a: UserRef, b: UserRef): boolean {
  return a.userId.toLowerCase() === b.userId.toLowerCase() && a.tenantId.toLowerCase() === b.tenantId.toLowerCase();
}
