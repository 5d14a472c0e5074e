/** Expansion of the JSON templates in cards/ with adaptivecards-templating. */
import { Template } from 'adaptivecards-templating';

/** An Adaptive Card as plain JSON, ready to attach to a message. */
export type AdaptiveCard = Record<string, unknown> & { type: 'AdaptiveCard'; version: string };

/** A compiled template: parsed once, expanded per reply (to a card, or to `TResult` for parts of cards). */
export class CardTemplate<TData extends object, TResult extends object = AdaptiveCard> {
  private readonly template: Template;

  constructor(json: object) {
    this.template = new Template(json);
  }

  /** Expands the template with `data` as `$root`. */
  expand(data: TData): TResult {
    return this.template.expand({ $root: data }) as TResult;
  }
}

/** Bytes of a card once serialized as it travels to Teams. */
export function cardSize(card: object): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}
