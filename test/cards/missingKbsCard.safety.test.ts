// buildMissingKbsCard (src/cards/missingKbsCard.ts): templates fully expanded, Defender text shown literally and cleaned.
import assert from 'node:assert/strict';
import { buildMissingKbsCard } from '../../src/cards/missingKbsCard';
import type { AdaptiveCard } from '../../src/cards/template';
import { nodes, ofType } from '../support/cards';
import { kb, many, result } from '../support/kbs';
import { entries } from '../support/missingKbsCard';

/** Every string value in a card, with the key it sits under. */
function strings(card: unknown): { key: string; value: string }[] {
  const out: { key: string; value: string }[] = [];
  for (const node of nodes(card)) {
    for (const [key, value] of Object.entries(node)) if (typeof value === 'string') out.push({ key, value });
  }
  return out;
}

describe('buildMissingKbsCard', () => {
  describe('templating', () => {
    const cards = (): [string, AdaptiveCard][] => [
      ['one KB', buildMissingKbsCard(result([kb()]))],
      ['many KBs', buildMissingKbsCard(result(many(60)))],
      ['empty', buildMissingKbsCard(result([]))],
      ['incomplete', buildMissingKbsCard(result([kb()], { complete: false }))],
      ['incomplete empty', buildMissingKbsCard(result([], { complete: false }))],
      ['tiny budget', buildMissingKbsCard(result(many(3)), 'en', 1)],
      ['no url, no products', buildMissingKbsCard(result([kb({ url: undefined, productsNames: [] })]))],
    ];

    it('leaves no ${...} unexpanded and no $data or $when behind', () => {
      for (const [label, card] of cards()) {
        const json = JSON.stringify(card);
        assert.ok(!json.includes('${'), `${label}: no \${`);
        assert.ok(!json.includes('"$data"'), `${label}: no $data`);
        assert.ok(!json.includes('"$when"'), `${label}: no $when`);
      }
    });

    it('is always version 1.5 of type AdaptiveCard', () => {
      for (const [label, card] of cards()) {
        assert.equal(card.type, 'AdaptiveCard', label);
        assert.equal(card.version, '1.5', label);
      }
    });

    it('shows a name containing ${secret} literally, without evaluating it', () => {
      for (const name of ['${secret}', '${$root.softwareId}', "${if(true, 'a', 'b')}", '${kbs[0].url}']) {
        const card = buildMissingKbsCard(result([kb({ name, productsNames: [name] })]));
        const [entry] = entries(card);
        assert.equal(entry.name, name);
        assert.equal(entry.products, name);
      }
    });
  });

  describe('safety of Defender text', () => {
    const hostile = [
      '[click](https://evil.example)',
      '<at>x</at>',
      '**bold** _it_ `code`',
      '<script>alert(1)</script>',
      '![img](https://evil.example/a.png)',
      '{{DATE(2017-02-14T06:08:39Z, SHORT)}}',
    ];

    it('shows names and products only in TextRuns, never in a TextBlock', () => {
      const card = buildMissingKbsCard(
        result(hostile.map((name, i) => kb({ id: String(i + 1), name, productsNames: [name], machineMissedOn: i }))),
      );
      for (const block of ofType(card, 'TextBlock')) {
        for (const bad of ['evil.example', '<at>', '**bold**', '<script>', '{{DATE']) {
          assert.ok(!String(block.text).includes(bad), `TextBlock "${String(block.text)}" shows ${bad}`);
        }
      }
      const runs = ofType(card, 'TextRun').map((run) => run.text);
      for (const name of hostile) assert.ok(runs.includes(name), `TextRun shows ${name}`);
      for (const fact of ofType(card, 'FactSet')) assert.doesNotMatch(JSON.stringify(fact), /evil|<at>/);
      for (const link of ofType(card, 'Action.OpenUrl')) assert.ok(String(link.url).startsWith('https://'));
    });

    it('strips control and format characters from names, products and ids', () => {
      const card = buildMissingKbsCard(
        result([
          kb({
            id: '45\u000040673',
            name: 'Bad\u0000name\u0007with\u001bcontrols\u202eand\u200bformat\r\nnew\u0085line\u2028sep',
            productsNames: ['ed\u0008ge', 'win\u200fdows'],
          }),
        ]),
      );
      for (const { key, value } of strings(card)) {
        assert.doesNotMatch(value, /[\p{Cc}\p{Cf}]/u, `${key}: ${JSON.stringify(value)}`);
      }
      const [entry] = entries(card);
      assert.equal(entry.kb, 'KB45 40673');
      assert.match(entry.name, /^Bad name with controls and format new line/);
      assert.equal(entry.products, 'ed ge, win dows');
    });

    it('shows a name made only of control characters as empty text, not as a template expression', () => {
      const card = buildMissingKbsCard(result([kb({ name: '\u0000\u0001\u0002' })]));
      assert.equal(entries(card)[0].name, '');
      assert.ok(!JSON.stringify(card).includes('${'));
    });
  });
});
