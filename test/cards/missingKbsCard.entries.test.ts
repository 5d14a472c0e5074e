// buildMissingKbsCard and sortWorstFirst (src/cards/missingKbsCard.ts): the KB entries, their order and their text.
import assert from 'node:assert/strict';
import { buildMissingKbsCard, sortWorstFirst } from '../../src/cards/missingKbsCard';
import type { MissingKb } from '../../src/defender/types';
import { kb, result } from '../support/kbs';
import { entries } from '../support/missingKbsCard';

describe('buildMissingKbsCard', () => {
  describe('entries', () => {
    it('sorts worst first: most devices, then most CVEs, then KB number', () => {
      const card = buildMissingKbsCard(
        result([
          kb({ id: '100', machineMissedOn: 5, cveAddressed: 50 }),
          kb({ id: '200', machineMissedOn: 10, cveAddressed: 1 }),
          kb({ id: '300', machineMissedOn: 10, cveAddressed: 9 }),
          kb({ id: '401', machineMissedOn: 1, cveAddressed: 1 }),
          kb({ id: '400', machineMissedOn: 1, cveAddressed: 1 }),
          kb({ id: '500', machineMissedOn: 0, cveAddressed: 99 }),
        ]),
      );
      assert.deepEqual(
        entries(card).map((e) => e.kb),
        ['KB300', 'KB200', 'KB100', 'KB400', 'KB401', 'KB500'],
      );
    });

    it('highlights only the entries with at least 80% of the largest device count', () => {
      const card = buildMissingKbsCard(
        result([
          kb({ id: '1', machineMissedOn: 100 }),
          kb({ id: '2', machineMissedOn: 80 }),
          kb({ id: '3', machineMissedOn: 79 }),
        ]),
      );
      assert.deepEqual(
        entries(card).map((e) => e.devicesColor),
        ['Attention', 'Attention', 'Default'],
      );
      const none = buildMissingKbsCard(result([kb({ machineMissedOn: 0 })]));
      assert.equal(entries(none)[0].devicesColor, 'Default');
    });

    it('joins products with commas, up to six', () => {
      const six = buildMissingKbsCard(result([kb({ productsNames: ['a', 'b', 'c', 'd', 'e', 'f'] })]));
      assert.equal(entries(six)[0].products, 'a, b, c, d, e, f');
      const seven = buildMissingKbsCard(result([kb({ productsNames: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] })]));
      assert.equal(entries(seven)[0].products, 'a, b, c, d, e, f, …');
    });

    it('cuts long names and products with an ellipsis', () => {
      const card = buildMissingKbsCard(result([kb({ name: 'N'.repeat(500), productsNames: ['p'.repeat(500)] })]));
      const [entry] = entries(card);
      assert.equal(entry.name.length, 160);
      assert.ok(entry.name.endsWith('…'));
      assert.ok(entry.products.length <= 160);
      assert.ok(entry.products.endsWith('…'));
    });

    it('does not change the result it is given', () => {
      const kbs = Object.freeze([kb({ id: '1', machineMissedOn: 1 }), kb({ id: '2', machineMissedOn: 2 })]);
      const before = JSON.stringify(kbs);
      buildMissingKbsCard(result(kbs));
      assert.equal(JSON.stringify(kbs), before);
    });
  });
});

describe('sortWorstFirst', () => {
  it('orders by devices desc, then CVEs desc, then KB id, without changing its input', () => {
    const input = Object.freeze([
      kb({ id: 'b', machineMissedOn: 1, cveAddressed: 1 }),
      kb({ id: 'a', machineMissedOn: 1, cveAddressed: 1 }),
      kb({ id: 'c', machineMissedOn: 1, cveAddressed: 5 }),
      kb({ id: 'd', machineMissedOn: 9, cveAddressed: 0 }),
    ]);
    const sorted = sortWorstFirst(input);
    assert.deepEqual(
      sorted.map((k) => k.id),
      ['d', 'c', 'a', 'b'],
    );
    assert.deepEqual(
      input.map((k) => k.id),
      ['b', 'a', 'c', 'd'],
    );
    assert.notEqual(sorted, input);
  });

  it('gives an empty array for no KBs', () => {
    assert.deepEqual(sortWorstFirst([]), []);
  });
});

describe('buildMissingKbsCard text cutting', () => {
  it('never cuts an emoji in half when shortening a long name', () => {
    const kb: MissingKb = {
      id: '1',
      name: 'x'.repeat(158) + '🙂🙂',
      productsNames: [],
      machineMissedOn: 1,
      cveAddressed: 1,
    };
    const json = JSON.stringify(
      buildMissingKbsCard({ softwareId: 'a-_-b', kbs: [kb], skipped: 0, pages: 1, complete: true }),
    );
    assert.ok(!/\\ud83d(?!\\ude42)/i.test(json), 'no lone high surrogate');
    assert.ok(json.includes('x'.repeat(158) + '…'));
  });
});
