/** Expansion of the JSON templates in cards/ with adaptivecards-templating. */
import { Template } from 'adaptivecards-templating';

/** An Adaptive Card as plain JSON, ready to attach to a message. */
export type AdaptiveCard = Record<string, unknown> & { type: 'AdaptiveCard'; version: string };

/** The Adaptive Cards schema version every card uses (Teams renders at most 1.5 in bot messages). */
export const CARD_VERSION = '1.5';

/** A compiled template: parsed once, expanded per reply. */
export class CardTemplate<TData extends object> {
  private readonly template: Template;

  constructor(json: object) {
    this.template = new Template(json);
  }

  /** Expands the template with `data` as `$root`. */
  expand(data: TData): AdaptiveCard {
    return this.template.expand({ $root: data }) as AdaptiveCard;
  }
}

/** Bytes of a card once serialized as it travels to Teams. */
export function cardSize(card: object): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

// Number.prototype.toLocaleString builds a formatter on every call (a profile of `npm run bench` showed it); one is enough.
const COUNT_FORMAT = new Intl.NumberFormat('en-US');

/** Formats a count with thousands separators (en-US for now). */
export function formatCount(n: number): string {
  return COUNT_FORMAT.format(n);
}

/** Singular or plural noun after a count: "1 device", "240 devices". */
export function counted(n: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(n)} ${n === 1 ? singular : plural}`;
}
