/** Pieces the browse cards share: a heading made of plain text runs, software entries and command buttons. */
import { commandFor } from '../../commands/softwareId';
import type { Software } from '../../defender/types';
import { catalogue, formatters, type Locale } from '../../i18n';
import { CARD_VERSION, type AdaptiveCard } from '../template';
import { plainText } from '../text';

/** One element of a card body. */
export type CardElement = Record<string, unknown>;

/** A button that sends `command` as the user's message (Action.Submit: every Teams client has it). */
export function commandButton(title: string, command: string): CardElement {
  return { type: 'Action.Submit', title, data: { command } };
}

/** Text that may carry what a user typed or Defender sent: a TextRun is never read as markdown. */
export function plainRun(text: string, style: Record<string, unknown> = {}): CardElement {
  return { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text, ...style }] };
}

/** A card heading (in a TextRun, since it may quote what the user typed). */
export function heading(text: string): CardElement {
  return plainRun(text, { size: 'Large', weight: 'Bolder' });
}

/** A small note under a heading. */
export function note(text: string, color?: 'Warning' | 'Accent'): CardElement {
  return {
    ...plainRun(text, { isSubtle: color === undefined, size: 'Small', ...(color ? { color } : {}) }),
    spacing: 'Small',
  };
}

/** One software: name, vendor and id on the left, exposure on the right, and a button for its missing KBs. */
export function softwareEntry(software: Software, locale: Locale): CardElement {
  const t = catalogue(locale).browse;
  const f = formatters(locale);
  const flags = [software.publicExploit ? t.publicExploit : '', software.activeAlert ? t.activeAlert : '']
    .filter((flag) => flag !== '')
    .join(' · ');
  const id = plainText(software.id, 200);
  return {
    type: 'Container',
    separator: true,
    spacing: 'Small',
    items: [
      {
        type: 'ColumnSet',
        columns: [
          {
            type: 'Column',
            width: 'stretch',
            items: [
              plainRun(plainText(`${software.vendor} ${software.name}`.replace(/_/g, ' ').trim(), 160), {
                weight: 'Bolder',
              }),
              { ...plainRun(id, { fontType: 'Monospace', isSubtle: true, size: 'Small' }), spacing: 'None' },
            ],
          },
          {
            type: 'Column',
            width: 'auto',
            verticalContentAlignment: 'Center',
            items: [
              {
                type: 'TextBlock',
                text: f.plural(software.exposedMachines, t.exposed.one, t.exposed.other),
                weight: 'Bolder',
                horizontalAlignment: 'Right',
              },
              {
                type: 'TextBlock',
                text: f.plural(software.weaknesses, t.weaknesses.one, t.weaknesses.other),
                size: 'Small',
                isSubtle: true,
                horizontalAlignment: 'Right',
                spacing: 'None',
              },
              ...(flags
                ? [
                    {
                      type: 'TextBlock',
                      text: flags,
                      size: 'Small',
                      color: 'Attention',
                      horizontalAlignment: 'Right',
                      spacing: 'None',
                    },
                  ]
                : []),
            ],
          },
        ],
      },
      { type: 'ActionSet', actions: [commandButton(t.showKbs, commandFor(id))] },
    ],
  };
}

/** A complete card around a body (and actions). */
export function card(fallbackText: string, body: CardElement[], actions: CardElement[] = []): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    msteams: { width: 'Full' },
    fallbackText,
    body,
    ...(actions.length ? { actions } : {}),
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
