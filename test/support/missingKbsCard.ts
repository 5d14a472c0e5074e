/** Reads the missing-KBs card (src/cards/missingKbsCard.ts) for assertions: header figures and KB entries. */
import assert from 'node:assert/strict';
import type { AdaptiveCard } from '../../src/cards/template';
import { ofType, texts, type CardNode } from './cards';

/** The body's elements outside the KB entries. */
function body(card: AdaptiveCard): CardNode[] {
  return card.body as CardNode[];
}

/** The shown KB entries, each read from its Container. */
export function entries(card: AdaptiveCard) {
  return body(card)
    .filter((element) => element.type === 'Container')
    .map((container) => {
      const [kb, name, products, devices, cves, ...rest] = texts(container);
      assert.deepEqual(rest, [], 'an entry shows five texts');
      const links = ofType(container, 'Action.OpenUrl');
      assert.equal(links.length, 1, 'an entry has one link');
      const devicesBlock = ofType(container, 'TextBlock').find((block) => block.text === devices);
      return { kb, name, products, devices, cves, url: String(links[0].url), devicesColor: devicesBlock?.color };
    });
}

/** The header figure shown just above `label`. */
export function headerValue(card: AdaptiveCard, label: string): string {
  const header = body(card).find((element) => element.type === 'ColumnSet');
  assert.ok(header, 'card has the summary ColumnSet');
  const shown = texts(header);
  const index = shown.indexOf(label);
  assert.ok(index > 0, `header shows "${label}"`);
  return shown[index - 1];
}
