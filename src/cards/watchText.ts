/** Words shared by the watch cards: where a watch lives and who made it, safe for a TextRun. */
import type { Actor, ConversationKind } from '../conversations/types';
import { catalogue, type Locale } from '../i18n';
import { plainText } from './text';

/** A conversation as the cards describe it. */
export interface WatchPlace {
  readonly kind: ConversationKind;
  /** Channel or chat name, when Teams gave one. */
  readonly name?: string;
  readonly teamName?: string;
}

/** The place in a sentence: "this channel", "ce canal". */
export function placeWords(place: WatchPlace, locale: Locale): string {
  return catalogue(locale).watch.place[place.kind];
}

/** The place by name when known ("General (SOC)"), else in words. */
export function placeName(place: WatchPlace, locale: Locale): string {
  const name = place.name && plainText(place.name, 80);
  const team = place.teamName && plainText(place.teamName, 80);
  if (name && team) return `${name} (${team})`;
  return name || team || placeWords(place, locale);
}

/** A person by name, or "someone". */
export function actorName(actor: Actor, locale: Locale): string {
  return (actor.name && plainText(actor.name, 80)) || catalogue(locale).watch.someone;
}
