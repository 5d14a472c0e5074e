/** What the browse templates share: notes, software entries, and the parts added to built cards (cards/cardActions.json). */
import { actionCommand, actionData, type ActionVerb, type CardAction } from '../../browse/actions';
import { commandFor } from '../../commands/softwareId';
import type { Software } from '../../defender/types';
import { catalogue, formatters, type Locale } from '../../i18n';
import cardActionsJson from '../../../cards/cardActions.json';
import { CardTemplate, type AdaptiveCard } from '../template';
import { plainText } from '../text';

/** One element of a card body, or one action. */
export type CardElement = Record<string, unknown>;

/** A small note (a TextRun, never read as markdown): subtle, or in a colour. */
export interface NoteData {
  readonly text: string;
  readonly color: '' | 'Accent';
}

/** A subtle note, or one in `color`. */
export function note(text: string, color: NoteData['color'] = ''): NoteData {
  return { text, color };
}

/** One software entry of cards/softwareList.json: name, id, exposure and the button for its missing KBs. */
export interface SoftwareData {
  readonly name: string;
  readonly id: string;
  readonly exposed: string;
  readonly weaknesses: string;
  /** Public exploit, active alert, or both; empty when neither. */
  readonly flags: string;
  readonly showKbs: string;
  readonly command: string;
}

/** The entry data of one software, in `locale`. */
export function softwareData(software: Software, locale: Locale): SoftwareData {
  const t = catalogue(locale).browse;
  const f = formatters(locale);
  const flags = [software.publicExploit ? t.publicExploit : '', software.activeAlert ? t.activeAlert : '']
    .filter((flag) => flag !== '')
    .join(' · ');
  const id = plainText(software.id, 200);
  return {
    name: plainText(`${software.vendor} ${software.name}`.replace(/_/g, ' ').trim(), 160),
    id,
    exposed: f.plural(software.exposedMachines, t.exposed.one, t.exposed.other),
    weaknesses: f.plural(software.weaknesses, t.weaknesses.one, t.weaknesses.other),
    flags,
    showKbs: t.showKbs,
    command: commandFor(id),
  };
}

/** The body elements of a built card. */
export function bodyOf(target: AdaptiveCard): CardElement[] {
  return Array.isArray(target.body) ? (target.body as CardElement[]) : [];
}

/** The actions of a built card. */
export function actionsOf(target: AdaptiveCard): CardElement[] {
  return Array.isArray(target.actions) ? (target.actions as CardElement[]) : [];
}

/** An Action.Execute button of cards/cardActions.json, with its Action.Submit fallback's command. */
export interface ButtonData {
  readonly title: string;
  readonly verb: ActionVerb;
  readonly data: Record<string, unknown>;
  readonly command: string;
}

/** The data of a button for `action`. */
export function button(title: string, verb: ActionVerb, action: CardAction): ButtonData {
  return { title, verb, data: actionData(action), command: actionCommand(action) };
}

/** Notes and buttons to add to a built card. */
export interface CardParts {
  readonly notes: CardElement[];
  readonly actions: CardElement[];
}

const parts = new CardTemplate<{ notes: NoteData[]; buttons: ButtonData[] }, CardParts>(cardActionsJson);

/** The elements of `notes` and the actions of `buttons`. */
export function cardParts(notes: NoteData[], buttons: ButtonData[] = []): CardParts {
  return parts.expand({ notes, buttons });
}
