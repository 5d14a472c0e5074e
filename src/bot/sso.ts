/**
 * Teams SSO in the bot: the OAuthCard that asks Teams for the user's token, and the `signin/*`
 * invokes (tokenExchange, verifyState, failure). The token work itself is SignInService's.
 */
import { cardMessage } from './cardMessage';
import {
  CardFactory,
  MessageFactory,
  type ConversationReference,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import type { ExchangeOutcome, SignInService } from '../auth/signIn';
import type { UserRef } from '../auth/types';
import { AppError } from '../errors';
import { buildErrorCard } from '../cards/errorCard';
import { buildSignInCard, type SignInCardInput } from '../cards/signInCard';
import { oauthCardText, signedInSendAgain } from '../cards/signInText';
import { localeOf, type Locale } from '../i18n';
import type { AdaptiveCard } from '../cards/template';
import type { RequestContext } from '../commands/types';
import type { DefenderCommand } from '../commands/parse';
import type { Logger } from '../log';
import { signals } from '../telemetry/signals';
import { exchangeSsoToken, outcomeName, sentToken, type SsoExchange } from './ssoExchange';

/** A command waiting for its user's sign-in. */
export interface PendingCommand {
  readonly command: DefenderCommand;
  readonly request: RequestContext;
  readonly reference: Partial<ConversationReference>;
  readonly user: UserRef;
  /** The asker's display name, to say whose access an answer in a group conversation used. */
  readonly userName?: string;
}

/** What the bot needs to sign users in. */
export interface BotSignIn {
  readonly service: SignInService<PendingCommand>;
  /** Tenants whose users may use the bot. */
  readonly allowedTenants: readonly string[];
  /** The bot's app id (for a link to a 1:1 chat with it). */
  readonly appId: string;
  /** Application ID URI Teams gets the SSO token for. */
  readonly ssoResource: string;
  readonly connectionName: string;
  /** Where an admin of the user's tenant grants consent for the whole tenant. */
  readonly adminConsentUrl: (tenantId: string) => string;
  /** How long a token exchange may take before the invoke is answered 412 (default EXCHANGE_BUDGET_MS, 10 s). */
  readonly exchangeBudgetMs?: number;
}

interface TokenExchangeValue {
  id?: string;
  connectionName?: string;
  token?: string;
}

/** Handles the SSO part of conversations; `resume` runs a command once its user is signed in. */
export class SsoHandler {
  private readonly exchange: SsoExchange<PendingCommand>;

  constructor(
    private readonly auth: BotSignIn,
    private readonly resume: (pending: PendingCommand) => void,
    private readonly logger: Logger,
  ) {
    this.exchange = {
      service: auth.service,
      logger,
      event: 'sso.token_exchange',
      budgetMs: auth.exchangeBudgetMs,
      completed: (done) => this.resumeSignedIn(done),
    };
  }

  /** Sends the OAuthCard asking Teams for the user's SSO token; the command waits meanwhile. */
  async askForToken(context: TurnContext, pending: PendingCommand, fresh = false): Promise<void> {
    const prompt = this.auth.service.requestSignIn(pending.user, pending, fresh);
    this.logger.info('sso.token_requested', { fresh });
    const words = oauthCardText(pending.request.locale ?? localeOf(context.activity.locale));
    const card = CardFactory.oauthCard(this.auth.connectionName, words.title, words.text, prompt.signInUrl, {
      id: prompt.exchangeId,
      uri: this.auth.ssoResource,
      providerId: '',
    });
    await context.sendActivity(MessageFactory.attachment(card));
  }

  /** In a channel Teams offers no SSO: point the user to a 1:1 chat with the bot to sign in once. */
  async askToSignInPersonally(context: TurnContext): Promise<void> {
    const chatUrl = `https://teams.microsoft.com/l/chat/0/0?users=28:${encodeURIComponent(this.auth.appId)}`;
    await send(
      context,
      buildSignInCard({ reason: 'channel', signInUrl: chatUrl, locale: localeOf(context.activity.locale) }),
    );
  }

  /** `signin/tokenExchange`: validate, On-Behalf-Of, then run the waiting command once. */
  async tokenExchange(context: TurnContext, user: UserRef): Promise<InvokeResponse> {
    const value = (context.activity.value ?? {}) as TokenExchangeValue;
    const locale = localeOf(context.activity.locale);
    const ok: InvokeResponse = { status: 200, body: { id: value.id, connectionName: value.connectionName } };
    const fail = (detail: string): InvokeResponse => ({
      status: 412,
      body: { id: value.id, connectionName: value.connectionName, failureDetail: detail },
    });
    const sent = sentToken(value);
    if (!sent) return fail('The token is missing.');
    // In time or late, a sign-in this exchange completes runs the waiting command: only the first
    // invoke of an exchange gets `signed-in` with it (Teams' other clients and retries get `duplicate`).
    const outcome = await exchangeSsoToken(this.exchange, context, user, sent);
    signals().signIn('sso', outcomeName(outcome));
    if (outcome instanceof AppError) {
      // Entra ID is slow: the exchange goes on, and the command runs when it completes.
      const slow = outcome.code === 'timeout';
      await send(context, slow ? buildSignInCard({ reason: 'sign-in-slow', locale }) : buildErrorCard(outcome, locale));
      return fail('The token could not be exchanged in time.');
    }
    switch (outcome.kind) {
      case 'signed-in':
        // The flow was lost (a restart, or it expired): the user must send the command again.
        if (!outcome.pending && !outcome.flowKnown) await context.sendActivity(signedInSendAgain(locale));
        return ok;
      case 'duplicate':
        return outcome.ok ? ok : fail('The token could not be exchanged.');
      case 'not-yours':
        return ok;
      case 'consent-required':
        await send(
          context,
          this.signInCard('consent-required', outcome.signInUrl, user, locale, outcome.error.details),
        );
        return fail('Consent is required.');
      case 'stale':
        if (outcome.retry && outcome.pending) await this.askForToken(context, outcome.pending, true);
        else
          await send(context, this.signInCard('sign-in-required', this.staleUrl(user, outcome.pending), user, locale));
        return fail('The token has expired.');
      case 'refused':
        await send(context, this.signInCard('sso-failed', this.auth.service.signInUrl(user), user, locale));
        return fail('The token could not be validated.');
      case 'failed':
        await send(context, buildErrorCard(outcome.error, locale));
        return fail('The token could not be exchanged.');
    }
  }

  /**
   * `signin/verifyState`: the sign-in page finished; run the waiting command if the user now has a token.
   * `state` is the page's code (notifySuccess), naming the flow that finished; the command runs once,
   * whether the page's callback or this invoke comes first.
   */
  async verifyState(context: TurnContext, user: UserRef): Promise<InvokeResponse> {
    const state = (context.activity.value as { state?: unknown } | undefined)?.state;
    if (state === 'CancelledByUser') return { status: 200 };
    if (this.auth.service.tokenFor(user)) {
      const flowId = this.auth.service.codes.flowOf(state, user);
      const pending = flowId ? this.auth.service.takeFlow(flowId) : this.auth.service.takeLatest(user);
      this.logger.info('sso.verify_state', { codeValid: flowId !== undefined, resumed: pending !== undefined });
      if (pending) this.resume(pending);
    } else {
      await send(context, buildSignInCard({ reason: 'verify-failed', locale: localeOf(context.activity.locale) }));
    }
    return { status: 200 };
  }

  /** `signin/failure`: Teams could not get an SSO token (e.g. resourcematchfailed): tell user and admin. */
  async failure(context: TurnContext, user: UserRef): Promise<InvokeResponse> {
    const value = (context.activity.value ?? {}) as { code?: unknown; message?: unknown };
    const code = typeof value.code === 'string' ? value.code.slice(0, 60) : 'unknown';
    this.logger.warn('sso.failure', {
      code,
      message: typeof value.message === 'string' ? value.message.slice(0, 200) : undefined,
    });
    const misconfigured = MISCONFIGURED.includes(code.toLowerCase());
    const card = buildSignInCard({
      reason: misconfigured ? 'sso-failed' : 'sign-in-required',
      failureCode: code,
      signInUrl: this.auth.service.signInUrl(user),
      locale: localeOf(context.activity.locale),
    });
    await send(context, card);
    return { status: 200 };
  }

  private resumeSignedIn(outcome: ExchangeOutcome<PendingCommand>): void {
    if (outcome.kind === 'signed-in' && outcome.pending) this.resume(outcome.pending);
  }

  private staleUrl(user: UserRef, pending: PendingCommand | undefined): string {
    return pending ? this.auth.service.requestSignIn(user, pending, true).signInUrl : this.auth.service.signInUrl(user);
  }

  private signInCard(
    reason: SignInCardInput['reason'],
    signInUrl: string,
    user: UserRef,
    locale: Locale,
    details: { upstreamCode?: string; correlationId?: string } = {},
  ): AdaptiveCard {
    return buildSignInCard({
      locale,
      reason,
      signInUrl,
      adminConsentUrl: this.auth.adminConsentUrl(user.tenantId),
      upstreamCode: details.upstreamCode,
      correlationId: details.correlationId,
    });
  }
}

/** Teams' `signin/failure` codes that mean the app's SSO set-up is wrong (an admin must act). */
const MISCONFIGURED = ['resourcematchfailed', 'oauthcardnotvalid', 'resourcedisabled'];

async function send(context: TurnContext, card: AdaptiveCard): Promise<void> {
  await context.sendActivity(cardMessage(card));
}
