// buildMissingKbsCard (src/cards/missingKbsCard.ts): at most MAX_KBS_SHOWN entries, within CARD_BYTE_BUDGET bytes.
import assert from 'node:assert/strict';
import { buildMissingKbsCard, CARD_BYTE_BUDGET, MAX_KBS_SHOWN } from '../../src/cards/missingKbsCard';
import { allText, texts } from '../support/cards';
import { many, result } from '../support/kbs';
import { entries, headerValue } from '../support/missingKbsCard';

function size(card: object): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

describe('buildMissingKbsCard', () => {
  describe('size', () => {
    it(`shows at most ${MAX_KBS_SHOWN} KBs and counts the rest`, () => {
      assert.equal(MAX_KBS_SHOWN, 15);
      const card = buildMissingKbsCard(result(many(10_000)));
      assert.equal(entries(card).length, MAX_KBS_SHOWN);
      assert.equal(headerValue(card, 'missing KBs'), '10,000');
      assert.ok(texts(card).includes('…and 9,985 more KBs affecting fewer devices, not shown here.'));
      assert.ok(size(card) <= CARD_BYTE_BUDGET);
    });

    it(`shows all of exactly ${MAX_KBS_SHOWN} KBs with no "more" text, and says "1 more KB" for one more`, () => {
      const exact = buildMissingKbsCard(result(many(MAX_KBS_SHOWN)));
      assert.equal(entries(exact).length, MAX_KBS_SHOWN);
      assert.doesNotMatch(allText(exact), /…and/);
      const one = buildMissingKbsCard(result(many(MAX_KBS_SHOWN + 1)));
      assert.equal(entries(one).length, MAX_KBS_SHOWN);
      assert.ok(texts(one).includes('…and 1 more KB affecting fewer devices, not shown here.'));
    });

    it('keeps the worst KBs when it leaves some out', () => {
      const kbs = many(100).reverse();
      const shown = entries(buildMissingKbsCard(result(kbs))).map((e) => e.kb);
      assert.deepEqual(
        shown,
        many(MAX_KBS_SHOWN).map((_, i) => `KB${5_000_000 + i}`),
      );
    });

    it(`stays within ${CARD_BYTE_BUDGET} bytes for 10,000 KBs with long names, and counts what it left out`, () => {
      assert.equal(CARD_BYTE_BUDGET, 28 * 1024);
      const kbs = many(10_000, (i) => ({
        name: `Cumulative Security Update for Microsoft Edge (Chromium-based) ${'très long nom 🙂 '.repeat(40)} ${i}`,
        productsNames: Array.from({ length: 10 }, (_, p) => `product-${p}-${'x'.repeat(60)}`),
        url: `https://catalog.update.microsoft.com/v7/site/Search.aspx?q=KB${5_000_000 + i}&pad=${'y'.repeat(3000)}`,
      }));
      const card = buildMissingKbsCard(result(kbs));
      assert.ok(size(card) <= CARD_BYTE_BUDGET, `card is ${size(card)} bytes`);
      const shown = entries(card).length;
      assert.ok(shown > 0 && shown <= MAX_KBS_SHOWN, `${shown} entries shown`);
      const more = (10_000 - shown).toLocaleString('en-US');
      assert.ok(texts(card).includes(`…and ${more} more KBs affecting fewer devices, not shown here.`));
      assert.equal(headerValue(card, 'missing KBs'), '10,000');
    });

    it(`stays within ${CARD_BYTE_BUDGET} bytes in French too (longer words, multi-byte letters)`, () => {
      const kbs = many(10_000, (i) => ({
        name: `Mise à jour de sécurité cumulative pour Microsoft Edge ${'très long nom 🙂 '.repeat(40)} ${i}`,
        productsNames: Array.from({ length: 10 }, (_, p) => `produit-${p}-${'é'.repeat(60)}`),
        url: `https://catalog.update.microsoft.com/v7/site/Search.aspx?q=KB${5_000_000 + i}&pad=${'y'.repeat(3000)}`,
      }));
      const card = buildMissingKbsCard(result(kbs), 'fr');
      assert.ok(size(card) <= CARD_BYTE_BUDGET, `card is ${size(card)} bytes`);
      const shown = entries(card).length;
      assert.ok(shown > 0 && shown <= MAX_KBS_SHOWN, `${shown} entries shown`);
      assert.equal(headerValue(card, 'KB manquants'), '10\u202f000');
      assert.ok(allText(card).includes(`autres KB touchant moins d’appareils`));
    });

    it('shows every KB when the budget is exactly the full card’s size, fewer when one byte less', () => {
      const r = result(many(10, () => ({ name: 'A fairly long update name '.repeat(6) })));
      const full = size(buildMissingKbsCard(r));
      assert.equal(entries(buildMissingKbsCard(r, 'en', full)).length, 10);
      const smaller = buildMissingKbsCard(r, 'en', full - 1);
      const shown = entries(smaller).length;
      assert.ok(shown < 10);
      assert.ok(size(smaller) <= full - 1);
      assert.ok(texts(smaller).includes(`…and ${10 - shown} more KBs affecting fewer devices, not shown here.`));
    });

    it('still returns a card, with the summary and a count, when the budget is tiny', () => {
      for (const budget of [0, 1, 100]) {
        const card = buildMissingKbsCard(result(many(3)), 'en', budget);
        assert.equal(card.type, 'AdaptiveCard');
        assert.equal(card.version, '1.5');
        assert.equal(entries(card).length, 0);
        assert.equal(headerValue(card, 'missing KBs'), '3');
        assert.ok(texts(card).includes('…and 3 more KBs affecting fewer devices, not shown here.'));
      }
    });

    it('builds the 10,000-KB card quickly', () => {
      const kbs = many(10_000);
      const started = Date.now();
      buildMissingKbsCard(result(kbs));
      assert.ok(Date.now() - started < 1000);
    });
  });
});
