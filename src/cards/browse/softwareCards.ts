/** Cards of name lookups and of /missingkbs top: choices, no match with suggestions, the top list. */
import type { TopSoftware } from '../../browse/top';
import type { Software } from '../../defender/types';
import { catalogue, type Locale } from '../../i18n';
import type { AdaptiveCard } from '../template';
import { plainText } from '../text';
import { bodyOf, card, heading, note, softwareEntry, type CardElement } from './elements';

/** Choices shown at most on one card. */
export const MAX_CHOICES = 10;

/** Several software match a name: one entry per match (most exposed first), each with its button. */
export function buildChoiceCard(query: string, matches: readonly Software[], locale: Locale): AdaptiveCard {
  const t = catalogue(locale).browse;
  const title = t.choiceTitle(plainText(query, 100));
  const shown = matches.slice(0, MAX_CHOICES);
  const body: CardElement[] = [heading(title), note(t.choiceIntro), ...shown.map((s) => softwareEntry(s, locale))];
  if (matches.length > shown.length) body.push(note(t.choiceMore(shown.length, matches.length)));
  return card(title, body);
}

/** No software has that name: say so, with the nearest names as buttons. */
export function buildNoMatchCard(query: string, suggestions: readonly Software[], locale: Locale): AdaptiveCard {
  const t = catalogue(locale).browse;
  const title = t.noneTitle(plainText(query, 100));
  const body: CardElement[] = [heading(title), note(t.noneText)];
  if (suggestions.length > 0) {
    body.push(note(t.suggestionsIntro, 'Accent'), ...suggestions.map((s) => softwareEntry(s, locale)));
  } else {
    body.push(note(t.noSuggestions));
  }
  return card(title, body);
}

/** The most exposed software, each with a button for its missing KBs. */
export function buildTopCard(top: TopSoftware, locale: Locale, actions: CardElement[] = []): AdaptiveCard {
  const t = catalogue(locale).browse;
  const title = t.topTitle(top.items.length);
  const body: CardElement[] = [heading(title)];
  if (top.sortedHere) body.push(note(t.topSortedHere(top.sortedHere.read)));
  if (top.items.length === 0) body.push(note(t.topEmpty));
  body.push(...top.items.map((s) => softwareEntry(s, locale)));
  return card(title, body, actions);
}

/** The missing-KBs card of a name's only match, saying which id the name was read as. */
export function withResolvedNote(
  kbsCard: AdaptiveCard,
  query: string,
  softwareId: string,
  locale: Locale,
): AdaptiveCard {
  const text = catalogue(locale).browse.resolvedNote(plainText(query, 100), plainText(softwareId, 200));
  return { ...kbsCard, body: [note(text, 'Accent'), ...bodyOf(kbsCard)] };
}
