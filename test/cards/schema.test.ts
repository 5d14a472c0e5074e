// Every card fixture is a valid Adaptive Card 1.5 for the official parser (scripts/cards/validate.ts) and fits the size budget.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fixtureFile, fixtureNames } from '../../scripts/cards/fixtures';
import { cardProblems } from '../../scripts/cards/validate';
import { CARD_BYTE_BUDGET } from '../../src/cards/missingKbsCard';
import { cardSize } from '../../src/cards/template';

function fixtureCard(name: string): Record<string, any> {
  return JSON.parse(readFileSync(fixtureFile(name), 'utf8'));
}

describe('card fixtures against Adaptive Cards 1.5', () => {
  for (const name of fixtureNames()) {
    it(`${name} is valid and within ${CARD_BYTE_BUDGET} bytes`, () => {
      const card = fixtureCard(name);
      assert.deepEqual(cardProblems(card), []);
      assert.ok(cardSize(card) <= CARD_BYTE_BUDGET, `${name} is ${cardSize(card)} bytes`);
    });
  }

  describe('the check itself', () => {
    const base = (): Record<string, any> => fixtureCard('missing-kbs-few');

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

    it('accepts Teams’ msteams extension', () => {
      assert.deepEqual(base().msteams, { width: 'Full' });
      assert.deepEqual(cardProblems(base()), []);
    });
  });
});
