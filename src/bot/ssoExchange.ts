/**
 * The SSO token exchange as Teams' invokes need it: the token Teams sent validated and exchanged
 * On-Behalf-Of within a time budget (Teams waits about 15 s for an answer). Used by `signin/tokenExchange`
 * (src/bot/sso.ts) and by Universal Actions retried with a token (src/bot/cardActions.ts).
 */
import type { TurnContext } from 'botbuilder';
import type { ExchangeOutcome, SignInService } from '../auth/signIn';
import type { UserRef } from '../auth/types';
import { AppError, toAppError } from '../errors';
import type { Logger } from '../log';
import { withTimeout } from '../time';

/** Teams waits about 15 s for an invoke's answer; the exchange gets 10 s of it (it goes on in the background after). */
export const EXCHANGE_BUDGET_MS = 10_000;

/** The token Teams sent for an exchange (`signin/tokenExchange`'s value, a card action's `authentication`). */
export interface SentToken {
  readonly id: string;
  readonly token: string;
}

/** An exchange's outcome within the budget, or the AppError that ended the wait (`timeout`: Entra ID is slow). */
export type TimedOutcome<P> = ExchangeOutcome<P> | AppError;

/** How one kind of invoke runs its exchanges. */
export interface SsoExchange<P> {
  readonly service: SignInService<P>;
  readonly logger: Logger;
  /** The log event of each exchange, with its outcome. */
  readonly event: 'sso.token_exchange' | 'sso.action_token_exchange';
  /** Milliseconds the invoke waits for the exchange (default EXCHANGE_BUDGET_MS). */
  readonly budgetMs?: number;
  /** Called when the exchange completes, in time or late (a slow exchange still resumes its command). */
  readonly completed?: (outcome: ExchangeOutcome<P>) => void;
}

/** The id and token of an invoke's value, or undefined when either is missing. */
export function sentToken(value: { id?: unknown; token?: unknown } | undefined): SentToken | undefined {
  return typeof value?.id === 'string' && typeof value.token === 'string'
    ? { id: value.id, token: value.token }
    : undefined;
}

/** The outcome's name for logs and signals: its kind, or the error's code. */
export function outcomeName(outcome: TimedOutcome<unknown>): string {
  return outcome instanceof AppError ? outcome.code : outcome.kind;
}

/**
 * Exchanges `sent` for `user`, waiting at most the budget, and logs the outcome. Invokes of one
 * exchange are told apart as botbuilder's dedupe does (channel, conversation, exchange id), per user.
 */
export async function exchangeSsoToken<P>(
  how: SsoExchange<P>,
  context: TurnContext,
  user: UserRef,
  sent: SentToken,
): Promise<TimedOutcome<P>> {
  const { channelId, conversation } = context.activity;
  const key = `${channelId}/${conversation.id}/${sent.id}/${user.userId}`;
  const exchange = how.service.exchange(user, sent.token, sent.id, key);
  if (how.completed) exchange.then(how.completed, () => undefined);
  const budget = how.budgetMs ?? EXCHANGE_BUDGET_MS;
  const outcome = await withTimeout(exchange, budget, 'the token exchange').catch(toAppError);
  how.logger.info(how.event, { outcome: outcomeName(outcome) });
  return outcome;
}
