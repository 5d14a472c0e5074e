/** Walks Adaptive Card JSON for assertions; plain data only, so unit tests can use it without starting the app. */
import assert from 'node:assert/strict';

/** One object inside a card (an element, an inline, an action, a fact...). */
export type CardNode = Record<string, unknown>;

/** Every object in a card, depth first. */
export function nodes(card: unknown): CardNode[] {
  const out: CardNode[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      out.push(node as CardNode);
      Object.values(node).forEach(walk);
    }
  };
  walk(card);
  return out;
}

/** Every object in a card with this `type` (TextBlock, TextRun, Action.OpenUrl...). */
export function ofType(card: unknown, type: string): CardNode[] {
  return nodes(card).filter((node) => node.type === type);
}

/** Every string value of every object in a card. */
export function allStrings(card: unknown): string[] {
  return nodes(card).flatMap((node) => Object.values(node).filter((v): v is string => typeof v === 'string'));
}

/** The text, title and value strings (or those of `keys`) a card shows, in order. */
export function texts(card: unknown, keys = ['text', 'title', 'value']): string[] {
  return nodes(card).flatMap((node) =>
    Object.entries(node)
      .filter(([key, value]) => keys.includes(key) && typeof value === 'string')
      .map(([, value]) => value as string),
  );
}

/** The text, title and value strings a card shows, one a line. */
export function allText(card: unknown): string {
  return texts(card).join('\n');
}

/** The facts of every FactSet in a card, as title → value. */
export function factsOf(card: unknown): Record<string, string> {
  const facts = ofType(card, 'FactSet').flatMap((set) => set.facts as { title: string; value: string }[]);
  return Object.fromEntries(facts.map((fact) => [fact.title, fact.value]));
}

/** The card's heading: the first TextBlock of its body. */
export function heading(card: unknown): string {
  const first = ((card as { body: CardNode[] }).body ?? []).find((element) => element.type === 'TextBlock');
  assert.ok(typeof first?.text === 'string', 'card has a heading');
  return first.text;
}
