/**
 * Buttons that update a card in place: Action.Execute (Universal Actions: Refresh, Previous, Next),
 * each with an Action.Submit fallback that sends the same command as a message, for clients
 * without Universal Actions. Added to cards after they are built (cards/cardActions.json), so card
 * templates stay as they are.
 */
import { commandFor, EXAMPLE_SOFTWARE_ID } from '../../commands/softwareId';
import type { ActionVerb, CardAction } from '../../browse/actions';
import { catalogue, formatters, type Locale } from '../../i18n';
import type { AdaptiveCard } from '../template';
import { plainText } from '../text';
import { actionsOf, bodyOf, button, cardParts, note, type ButtonData, type CardElement } from './elements';
import { softwareListCard } from './softwareCards';

/** An Action.Execute button for `action`, falling back to sending its command. */
export function executeButton(title: string, verb: ActionVerb, action: CardAction): CardElement {
  return cardParts([], [button(title, verb, action)]).actions[0];
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
  const buttons: ButtonData[] = [];
  const notes = [];
  if (at.pages > 1) {
    const from = (at.page - 1) * at.pageSize + 1;
    notes.push(note(t.pageOf(from, Math.min(at.page * at.pageSize, at.total), at.total)));
    if (at.page > 1) buttons.push(button(t.previous, 'page', action(at.page - 1)));
    if (at.page < at.pages) buttons.push(button(t.next, 'page', action(at.page + 1)));
  }
  buttons.push(button(t.refresh, 'refresh', action(at.page)));
  const parts = cardParts(notes, buttons);
  return { ...kbsCard, body: [...bodyOf(kbsCard), ...parts.notes], actions: [...actionsOf(kbsCard), ...parts.actions] };
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
  return { ...target, body: [...bodyOf(target), ...cardParts([note(text)]).notes] };
}

/** A button whose data is stale (an older layout) or was changed: nothing was run. */
export function buildStaleActionCard(locale: Locale): AdaptiveCard {
  const t = catalogue(locale).browse;
  return softwareListCard(t.staleTitle, [note(t.staleText), note(t.staleHint(commandFor(EXAMPLE_SOFTWARE_ID)))]);
}
