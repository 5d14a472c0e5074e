/** Cards of name lookups and of /missingkbs top: choices, no match with suggestions, the top list. */
import type { TopSoftware } from '../../browse/top';
import type { Software } from '../../defender/types';
import { catalogue, type Locale } from '../../i18n';
import softwareListJson from '../../../cards/softwareList.json';
import { CardTemplate, type AdaptiveCard } from '../template';
import { plainText } from '../text';
import { bodyOf, cardParts, note, softwareData, type CardElement, type NoteData, type SoftwareData } from './elements';

/** Choices shown at most on one card. */
export const MAX_CHOICES = 10;

/** The data of cards/softwareList.json. */
export interface SoftwareListData {
  title: string;
  /** Notes under the title, then the software, then notes under them (always subtle). */
  notes: NoteData[];
  software: SoftwareData[];
  after: NoteData[];
  actions: CardElement[];
}

const template = new CardTemplate<SoftwareListData>(softwareListJson);

/** A titled card of notes and software entries (cards/softwareList.json). */
export function softwareListCard(
  title: string,
  notes: NoteData[],
  software: SoftwareData[] = [],
  { after = [], actions = [] }: Partial<Pick<SoftwareListData, 'after' | 'actions'>> = {},
): AdaptiveCard {
  return template.expand({ title, notes, software, after, actions });
}

/** Several software match a name: one entry per match (most exposed first), each with its button. */
export function buildChoiceCard(query: string, matches: readonly Software[], locale: Locale): AdaptiveCard {
  const t = catalogue(locale).browse;
  const shown = matches.slice(0, MAX_CHOICES).map((s) => softwareData(s, locale));
  const after = matches.length > shown.length ? [note(t.choiceMore(shown.length, matches.length))] : [];
  return softwareListCard(t.choiceTitle(plainText(query, 100)), [note(t.choiceIntro)], shown, { after });
}

/** No software has that name: say so, with the nearest names as buttons. */
export function buildNoMatchCard(query: string, suggestions: readonly Software[], locale: Locale): AdaptiveCard {
  const t = catalogue(locale).browse;
  const found = suggestions.length > 0;
  const notes = [note(t.noneText), found ? note(t.suggestionsIntro, 'Accent') : note(t.noSuggestions)];
  const software = suggestions.map((s) => softwareData(s, locale));
  return softwareListCard(t.noneTitle(plainText(query, 100)), notes, software);
}

/** The most exposed software, each with a button for its missing KBs. */
export function buildTopCard(top: TopSoftware, locale: Locale, actions: CardElement[] = []): AdaptiveCard {
  const t = catalogue(locale).browse;
  const notes: NoteData[] = [];
  if (top.sortedHere) notes.push(note(t.topSortedHere(top.sortedHere.read)));
  if (top.items.length === 0) notes.push(note(t.topEmpty));
  const software = top.items.map((s) => softwareData(s, locale));
  return softwareListCard(t.topTitle(top.items.length), notes, software, { actions });
}

/** The missing-KBs card of a name's only match, saying which id the name was read as. */
export function withResolvedNote(
  kbsCard: AdaptiveCard,
  query: string,
  softwareId: string,
  locale: Locale,
): AdaptiveCard {
  const text = catalogue(locale).browse.resolvedNote(plainText(query, 100), plainText(softwareId, 200));
  return { ...kbsCard, body: [...cardParts([note(text, 'Accent')]).notes, ...bodyOf(kbsCard)] };
}
