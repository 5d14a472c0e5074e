// Every card sample (English fixtures and French twins) is a valid Adaptive Card 1.5 for the official parser (scripts/cards/validate.ts) and fits the size budget.
import assert from 'node:assert/strict';
import { cardSamples } from '../../scripts/cards/samples';
import { cardProblems } from '../../scripts/cards/validate';
import { CARD_BYTE_BUDGET } from '../../src/cards/missingKbsCard';
import { cardSize } from '../../src/cards/template';

describe('card samples against Adaptive Cards 1.5', () => {
  const samples = cardSamples();
  for (const { name, card } of samples) {
    it(`${name} is valid and within ${CARD_BYTE_BUDGET} bytes`, () => {
      assert.deepEqual(cardProblems(card), []);
      assert.ok(cardSize(card) <= CARD_BYTE_BUDGET, `${name} is ${cardSize(card)} bytes`);
    });
  }

  describe('the check itself', () => {
    const base = (): Record<string, any> => structuredClone(samples.find((s) => s.name === 'missing-kbs-few')!.card);

    it('reports a misspelt property, a value outside its enum and an unknown element', () => {
      const card = base();
      card.body[0].wrapp = true;
      card.body[0].color = 'Purple';
      card.body.push({ type: 'Carousel' });
      const problems = cardProblems(card).join('\n');
      assert.match(problems, /\/body\/0\/wrapp was dropped/);
      assert.match(problems, /Invalid value "Purple" for property "color"/);
      assert.match(problems, /Unknown element type "Carousel"/);
    });

    it('reports a version other than 1.5 and a template expression left over', () => {
      const card = { ...base(), version: '1.6', fallbackText: '${summaryText}' };
      const problems = cardProblems(card).join('\n');
      assert.match(problems, /version must be "1.5"/);
      assert.match(problems, /template expression is left unexpanded/);
    });
  });
});
