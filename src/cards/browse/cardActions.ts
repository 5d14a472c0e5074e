/**
 * Buttons that update a card in place: Action.Execute (Universal Actions: Refresh, Previous, Next),
 * each with an Action.Submit fallback that sends the same command as a message, for clients
 * without Universal Actions. Added to cards after they are built, so card templates stay as they are.
 */
import { commandFor, EXAMPLE_SOFTWARE_ID } from '../../commands/softwareId';
import { actionCommand, actionData, type ActionVerb, type CardAction } from '../../browse/actions';
import { catalogue, formatters, type Locale } from '../../i18n';
import type { AdaptiveCard } from '../template';
import { plainText } from '../text';
import { actionsOf, bodyOf, card, commandButton, heading, note, type CardElement } from './elements';

/** An Action.Execute button for `action`, falling back to sending its command. */
export function executeButton(title: string, verb: ActionVerb, action: CardAction): CardElement {
  return {
    type: 'Action.Execute',
    title,
    verb,
    data: actionData(action),
    fallback: commandButton(title, actionCommand(action)),
  };
}

/** Where a missing-KBs card is in its list. */
export interface KbsPosition {
  readonly softwareId: string;
  /** 1-based, within 1..pages. */
  readonly page: number;
  readonly pages: number;
  readonly pageSize: number;
  readonly total: number;
}

/** Previous/Next (when the list has several pages), a line saying which KBs are shown, and Refresh. */
export function withKbsActions(kbsCard: AdaptiveCard, at: KbsPosition, locale: Locale): AdaptiveCard {
  const t = catalogue(locale).browse;
  const action = (page: number): CardAction => ({ kind: 'missingkbs', softwareId: at.softwareId, page });
  const actions: CardElement[] = [];
  let body = bodyOf(kbsCard);
  if (at.pages > 1) {
    const from = (at.page - 1) * at.pageSize + 1;
    const to = Math.min(at.page * at.pageSize, at.total);
    body = [...body, note(t.pageOf(from, to, at.total))];
    if (at.page > 1) actions.push(executeButton(t.previous, 'page', action(at.page - 1)));
    if (at.page < at.pages) actions.push(executeButton(t.next, 'page', action(at.page + 1)));
  }
  actions.push(executeButton(t.refresh, 'refresh', action(at.page)));
  return { ...kbsCard, body, actions: [...actionsOf(kbsCard), ...actions] };
}

/** A Refresh button for `action`, unless the card has one already (error cards get one this way). */
export function withRefresh(target: AdaptiveCard, action: CardAction, locale: Locale): AdaptiveCard {
  const existing = actionsOf(target);
  if (existing.some((a) => a.type === 'Action.Execute' && a.verb === 'refresh')) return target;
  return { ...target, actions: [...existing, executeButton(catalogue(locale).browse.refresh, 'refresh', action)] };
}

/** Says when the card was updated in place, and with whose access outside 1:1 chats. */
export function withUpdatedNote(target: AdaptiveCard, locale: Locale, at: Date, byName?: string): AdaptiveCard {
  const t = catalogue(locale).browse;
  const when = formatters(locale).dateTime(at);
  const text = byName ? t.refreshedAtBy(when, plainText(byName, 80)) : t.refreshedAt(when);
  return { ...target, body: [...bodyOf(target), note(text)] };
}

/** A button whose data is stale (an older layout) or was changed: nothing was run. */
export function buildStaleActionCard(locale: Locale): AdaptiveCard {
  const t = catalogue(locale).browse;
  return card(t.staleTitle, [
    heading(t.staleTitle),
    note(t.staleText),
    note(t.staleHint(commandFor(EXAMPLE_SOFTWARE_ID))),
  ]);
}
