/**
 * Teams SSO in the bot: the OAuthCard that asks Teams for the user's token, and the `signin/*`
 * invokes (tokenExchange, verifyState, failure). The token work itself is SignInService's.
 */
import {
  CardFactory,
  MessageFactory,
  type ConversationReference,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import type { SignInService } from '../auth/signIn';
import type { UserRef } from '../auth/types';
import { buildErrorCard } from '../cards/errorCard';
import { buildSignInCard, type SignInCardInput } from '../cards/signInCard';
import type { AdaptiveCard } from '../cards/template';
import type { RequestContext } from '../commands/handler';
import type { Logger } from '../log';

/** A /missingkbs command waiting for its user's sign-in. */
export interface PendingCommand {
  readonly softwareId: string;
  readonly request: RequestContext;
  readonly reference: Partial<ConversationReference>;
  readonly user: UserRef;
}

/** What the bot needs to sign users in. */
export interface BotSignIn {
  readonly service: SignInService<PendingCommand>;
  /** Tenants whose users may use the bot. */
  readonly allowedTenants: readonly string[];
  /** Application ID URI Teams gets the SSO token for. */
  readonly ssoResource: string;
  readonly connectionName: string;
  readonly adminConsentUrl: string;
}

interface TokenExchangeValue {
  id?: string;
  connectionName?: string;
  token?: string;
}

/** The user who sent an activity, when Teams says who (tenant and Entra object id). */
export function userOf(context: TurnContext): UserRef | undefined {
  const activity = context.activity;
  const tenantId = (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
  const userId = activity.from?.aadObjectId;
  return tenantId && userId ? { tenantId: tenantId.toLowerCase(), userId: userId.toLowerCase() } : undefined;
}

/** Handles the SSO part of conversations; `resume` runs a command once its user is signed in. */
export class SsoHandler {
  constructor(
    private readonly auth: BotSignIn,
    private readonly resume: (pending: PendingCommand) => void,
    private readonly logger: Logger,
  ) {}

  /** Sends the OAuthCard asking Teams for the user's SSO token; the command waits meanwhile. */
  async askForToken(context: TurnContext, pending: PendingCommand, fresh = false): Promise<void> {
    const prompt = this.auth.service.requestSignIn(pending.user, pending, fresh);
    this.logger.info('sso.token_requested', { fresh });
    const card = CardFactory.oauthCard(
      this.auth.connectionName,
      'Sign in',
      'Sign in so that the bot can read Microsoft Defender for you.',
      prompt.signInUrl,
      { id: prompt.exchangeId, uri: this.auth.ssoResource, providerId: '' },
    );
    await context.sendActivity(MessageFactory.attachment(card));
  }

  /** `signin/tokenExchange`: validate, On-Behalf-Of, then run the waiting command once. */
  async tokenExchange(context: TurnContext, user: UserRef): Promise<InvokeResponse> {
    const value = (context.activity.value ?? {}) as TokenExchangeValue;
    const fail = (detail: string): InvokeResponse => ({
      status: 412,
      body: { id: value.id, connectionName: value.connectionName, failureDetail: detail },
    });
    if (typeof value.token !== 'string' || typeof value.id !== 'string') return fail('The token is missing.');
    const key = `${context.activity.channelId}/${context.activity.conversation.id}/${value.id}/${user.userId}`;
    const outcome = await this.auth.service.exchange(user, value.token, key);
    this.logger.info('sso.token_exchange', { outcome: outcome.kind });
    switch (outcome.kind) {
      case 'signed-in':
        if (outcome.pending) this.resume(outcome.pending);
        return { status: 200, body: { id: value.id, connectionName: value.connectionName } };
      case 'duplicate':
        return { status: 200, body: { id: value.id, connectionName: value.connectionName } };
      case 'consent-required':
        await send(context, this.signInCard('consent-required', outcome.signInUrl, outcome.error.details));
        return fail('Consent is required.');
      case 'stale':
        if (outcome.retry && outcome.pending) await this.askForToken(context, outcome.pending, true);
        else await send(context, this.signInCard('sign-in-required', this.staleUrl(user, outcome.pending)));
        return fail('The token has expired.');
      case 'refused':
        await send(context, this.signInCard('sso-failed', this.auth.service.signInUrl(user)));
        return fail('The token could not be validated.');
      case 'failed':
        await send(context, buildErrorCard(outcome.error));
        return fail('The token could not be exchanged.');
    }
  }

  /** `signin/verifyState`: the sign-in page finished; run the waiting command if the user now has a token. */
  async verifyState(context: TurnContext, user: UserRef): Promise<InvokeResponse> {
    if (this.auth.service.tokenFor(user)) {
      const pending = this.auth.service.takePending(user);
      if (pending) this.resume(pending);
    } else {
      await send(context, buildSignInCard({ reason: 'verify-failed' }));
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
    const card = buildSignInCard({
      reason: 'sso-failed',
      failureCode: code,
      signInUrl: this.auth.service.signInUrl(user),
    });
    await send(context, card);
    return { status: 200 };
  }

  private staleUrl(user: UserRef, pending: PendingCommand | undefined): string {
    return pending ? this.auth.service.requestSignIn(user, pending, true).signInUrl : this.auth.service.signInUrl(user);
  }

  private signInCard(
    reason: SignInCardInput['reason'],
    signInUrl: string,
    details: { upstreamCode?: string; correlationId?: string } = {},
  ): AdaptiveCard {
    return buildSignInCard({
      reason,
      signInUrl,
      adminConsentUrl: this.auth.adminConsentUrl,
      upstreamCode: details.upstreamCode,
      correlationId: details.correlationId,
    });
  }
}

async function send(context: TurnContext, card: AdaptiveCard): Promise<void> {
  await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
}
