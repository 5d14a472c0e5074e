/**
 * Universal Actions: the `adaptiveCard/action` invoke a card's Action.Execute button sends. The
 * button's data is checked, the user's delegated token found (or asked for with a loginRequest, as
 * Teams' SSO for Universal Actions documents), the command run, and the updated card returned to
 * replace the old one in place.
 *
 * Answers travel with HTTP 200 and the outcome in the body's `statusCode` (200 card, 401
 * loginRequest, 412 preconditionFailed, 403 error), as Microsoft's Teams AI library answers them;
 * a retry whose `state` is not a code the sign-in page gave this user gets HTTP 401 invalidAuthCode,
 * as the Universal Actions authentication flow documents.
 */
import type { InvokeResponse, TurnContext } from 'botbuilder';
import type { UserRef } from '../auth/types';
import { readAction } from '../browse/actions';
import { buildStaleActionCard, withRefresh } from '../cards/browse/cardActions';
import { buildErrorCard } from '../cards/errorCard';
import type { AdaptiveCard } from '../cards/template';
import type { CommandHandler } from '../commands/handler';
import type { TokenProvider } from '../defender/types';
import { AppError, toAppError } from '../errors';
import { catalogue, DEFAULT_LOCALE, type Locale } from '../i18n';
import type { Logger } from '../log';
import { withTimeout } from '../time';
import { requestContext, userOf } from './activity';
import { exchangeSsoToken, sentToken } from './ssoExchange';
import type { BotSignIn } from './sso';

/** The invoke's name. */
export const CARD_ACTION_INVOKE = 'adaptiveCard/action';

/** Teams waits about 15 s for an invoke's answer: the command gets 10 s of it. */
const ACTION_BUDGET_MS = 10_000;

interface ActionValue {
  action?: { type?: unknown; verb?: unknown; data?: unknown };
  authentication?: { id?: unknown; connectionName?: unknown; token?: unknown };
  state?: unknown;
}

/** What the card-action handler needs from the bot. */
export interface CardActionDependencies {
  readonly commands: CommandHandler;
  readonly logger: Logger;
  readonly signIn?: BotSignIn;
  readonly tenantAllowed: (tenantId: string | undefined) => boolean;
}

/** Answers `adaptiveCard/action` invokes. */
export class CardActions {
  constructor(private readonly deps: CardActionDependencies) {}

  /** The invoke response for a card button press. */
  async invoke(context: TurnContext): Promise<InvokeResponse> {
    const activity = context.activity;
    const request = requestContext(activity);
    const locale = request.locale ?? DEFAULT_LOCALE;
    if (!this.deps.tenantAllowed(request.tenantId)) {
      this.deps.logger.warn('bot.tenant_refused', { tenantId: request.tenantId ?? null, activityType: 'invoke' });
      return answer(errorBody(403, 'Forbidden', 'This organisation may not use this bot.'));
    }
    const value = (typeof activity.value === 'object' && activity.value !== null ? activity.value : {}) as ActionValue;
    const check =
      value.action?.type === 'Action.Execute' ? readAction(value.action.verb, value.action.data) : undefined;
    if (!check?.ok) {
      this.deps.logger.info('bot.action_refused', { reason: check?.reason ?? 'not-execute' });
      return answer(cardBody(buildStaleActionCard(locale)));
    }
    let token: TokenProvider | undefined;
    if (this.deps.signIn) {
      const user = userOf(activity);
      if (!user) return answer(errorBody(400, 'BadRequest', 'Teams did not say who pressed the button.'));
      // The page's code (notifySuccess) names a sign-in of this user; anything else is refused.
      if (value.state !== undefined && !this.deps.signIn.service.codes.flowOf(value.state, user)) {
        this.deps.logger.warn('sso.action_invalid_state', {});
        return invalidAuthCode();
      }
      const access = await this.delegated(context, this.deps.signIn, user, value, locale);
      if ('statusCode' in access) return answer(access);
      token = access.token;
    }
    const byName = this.deps.signIn && request.conversationType !== 'personal' ? activity.from?.name : undefined;
    const signal = AbortSignal.timeout(ACTION_BUDGET_MS + 1000);
    const run = this.deps.commands.handleAction(check.action, { ...request, token, signal }, byName);
    const card = await withTimeout(run, ACTION_BUDGET_MS, 'the card action').catch((err: unknown) =>
      withRefresh(buildErrorCard(toAppError(err)), check.action, locale),
    );
    this.deps.logger.info('bot.card_action', { action: check.action.kind, verb: value.action?.verb });
    return answer(cardBody(card));
  }

  /**
   * The user's token: cached, or from the SSO token Teams sent with a retried invoke
   * (`authentication`), or after a sign-in page (`state`). Otherwise a loginRequest, which makes
   * Teams get an SSO token (or show a sign-in button) and send the invoke again.
   */
  private async delegated(
    context: TurnContext,
    signIn: BotSignIn,
    user: UserRef,
    value: ActionValue,
    locale: Locale,
  ): Promise<{ token: TokenProvider } | InvokeBody> {
    const cached = signIn.service.tokenFor(user);
    if (cached) return { token: cached };
    const sent = sentToken(value.authentication);
    if (sent) {
      const how = { service: signIn.service, logger: this.deps.logger, budgetMs: signIn.exchangeBudgetMs };
      const outcome = await exchangeSsoToken({ ...how, event: 'sso.action_token_exchange' }, context, user, sent);
      const token = signIn.service.tokenFor(user);
      if (token) return { token };
      if (!(outcome instanceof AppError) && outcome.kind === 'consent-required') {
        return loginRequest(signIn, outcome.signInUrl, locale);
      }
      return preconditionFailed('The token could not be exchanged.');
    }
    if (value.state !== undefined) return preconditionFailed('The sign-in did not complete.');
    const prompt = signIn.service.requestSignIn(user);
    return loginRequest(signIn, prompt.signInUrl, locale, prompt.exchangeId);
  }
}

/** The body of an `adaptiveCard/action` answer. */
export interface InvokeBody {
  readonly statusCode: number;
  readonly type: string;
  readonly value: unknown;
}

function answer(body: InvokeBody): InvokeResponse {
  return { status: 200, body };
}

function cardBody(card: AdaptiveCard): InvokeBody {
  return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card };
}

function errorBody(statusCode: number, code: string, message: string): InvokeBody {
  return { statusCode, type: 'application/vnd.microsoft.error', value: { code, message } };
}

function preconditionFailed(message: string): InvokeBody {
  return {
    statusCode: 412,
    type: 'application/vnd.microsoft.error.preconditionFailed',
    value: { code: '412', message },
  };
}

/** HTTP 401 with `application/vnd.microsoft.error.invalidAuthCode`: the sign-in's state is not valid. */
function invalidAuthCode(): InvokeResponse {
  return {
    status: 401,
    body: {
      statusCode: 401,
      type: 'application/vnd.microsoft.error.invalidAuthCode',
      value: { code: 'InvalidAuthCode', message: 'The sign-in state is not valid. Sign in again.' },
    },
  };
}

/** Asks Teams to sign the user in: SSO when `exchangeId` is given, else (consent needed) the sign-in page only. */
function loginRequest(signIn: BotSignIn, signInUrl: string, locale: Locale, exchangeId?: string): InvokeBody {
  const t = catalogue(locale).browse;
  return {
    statusCode: 401,
    type: 'application/vnd.microsoft.activity.loginRequest',
    value: {
      text: t.signInText,
      connectionName: signIn.connectionName,
      ...(exchangeId ? { tokenExchangeResource: { id: exchangeId, uri: signIn.ssoResource, providerId: '' } } : {}),
      buttons: [{ type: 'signin', title: t.signInButton, text: t.signInButton, value: signInUrl }],
    },
  };
}
