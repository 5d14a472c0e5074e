// Unit tests of src/defender/parse.ts: parseCollection with toMissingKb, the OData getmissingkbs page.
import assert from 'node:assert/strict';
import { type AppError, isAppError } from '../../src/errors';
import { parseCollection, toMissingKb } from '../../src/defender/parse';
import type { MissingKb } from '../../src/defender/types';
import { fixture } from '../support/fixtures';
import { EDGE_KB } from '../support/defenderClient';

const SOFTWARE = 'microsoft-_-edge';
const CONTEXT =
  'https://api.security.microsoft.com/api/$metadata#Collection(microsoft.windowsDefenderATP.api.PublicProductFixDto)';

/** The documented envelope around items, as Defender sends it (a JSON string). */
function page(items: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ '@odata.context': CONTEXT, value: items, ...extra });
}

/** A getmissingkbs page as the client parses it. */
function parseMissingKbsPage(
  body: string,
  softwareId: string,
): { kbs: MissingKb[]; skipped: number; nextLink?: string } {
  const parsed = parseCollection(body, toMissingKb, softwareId);
  return { kbs: parsed.items, skipped: parsed.skipped, nextLink: parsed.nextLink };
}

/** A valid item with some fields replaced. */
function item(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...EDGE_KB, ...fields };
}

/** The error parseMissingKbsPage throws for a body. */
function parseFailure(body: string): AppError {
  try {
    parseMissingKbsPage(body, SOFTWARE);
  } catch (err) {
    assert.ok(isAppError(err), `expected an AppError, got ${String(err)}`);
    return err;
  }
  assert.fail(`expected ${JSON.stringify(body)} to be refused`);
}

describe('defender/parse', () => {
  describe('parseMissingKbsPage', () => {
    it('skips an item whose id is only the "KB" prefix', () => {
      const page = parseMissingKbsPage(JSON.stringify({ value: [{ id: 'KB', name: 'x' }] }), 'a-_-b');
      assert.equal(page.kbs.length, 0);
      assert.equal(page.skipped, 1);
    });

    it('parses the documented example into typed KBs', () => {
      const body = JSON.stringify(fixture('defender/getmissingkbs-edge.json'));
      assert.deepEqual(parseMissingKbsPage(body, SOFTWARE), {
        kbs: [EDGE_KB],
        skipped: 0,
        nextLink: undefined,
      });
    });

    it('parses an empty collection', () => {
      assert.deepEqual(parseMissingKbsPage(page([]), SOFTWARE), { kbs: [], skipped: 0, nextLink: undefined });
    });

    it('keeps the order of the items', () => {
      const ids = ['1', '2', '3', '4', '5'];
      const parsed = parseMissingKbsPage(page(ids.map((id) => item({ id }))), SOFTWARE);
      assert.deepEqual(
        parsed.kbs.map((k) => k.id),
        ids,
      );
    });

    it('ignores unknown fields of the envelope and of the items', () => {
      const body = page([item({ severity: 'Critical', osBuild: 19045, nested: { a: [1] } })], {
        '@odata.count': 1,
        somethingNew: { x: 1 },
      });
      const [kb] = parseMissingKbsPage(body, SOFTWARE).kbs;
      assert.deepEqual(Object.keys(kb).sort(), [
        'cveAddressed',
        'id',
        'machineMissedOn',
        'name',
        'productsNames',
        'url',
      ]);
    });

    it('skips and counts items without a usable id or name', () => {
      const unusable: unknown[] = [
        null,
        42,
        'KB4540673',
        [item()],
        {},
        item({ id: undefined }),
        item({ name: undefined }),
        item({ id: '' }),
        item({ id: '   ' }),
        item({ name: '' }),
        item({ name: ' \t ' }),
        item({ id: null }),
        item({ id: true }),
        item({ id: { value: '1' } }),
        item({ id: ['1'] }),
        item({ id: Number.NaN }),
        item({ name: { text: 'x' } }),
      ];
      // NaN is not JSON; JSON.stringify writes it as null, which is what Defender could send.
      const parsed = parseMissingKbsPage(page([item({ id: '1' }), ...unusable, item({ id: '2' })]), SOFTWARE);
      assert.deepEqual(
        parsed.kbs.map((k) => k.id),
        ['1', '2'],
      );
      assert.equal(parsed.skipped, unusable.length);
    });

    it('accepts a numeric id and a numeric name as text', () => {
      const [kb] = parseMissingKbsPage(page([item({ id: 4540673, name: 2020 })]), SOFTWARE).kbs;
      assert.equal(kb.id, '4540673');
      assert.equal(kb.name, '2020');
    });

    it('trims the id and the name', () => {
      const [kb] = parseMissingKbsPage(
        page([item({ id: ' 4540673 ', name: '  March 2020 Security Updates ' })]),
        SOFTWARE,
      ).kbs;
      assert.equal(kb.id, '4540673');
      assert.equal(kb.name, 'March 2020 Security Updates');
    });

    it('tolerates a KB prefix on the id, in any case', () => {
      const ids = ['KB4540673', 'kb4540673', 'Kb4540673', ' KB4540673'];
      const parsed = parseMissingKbsPage(page(ids.map((id) => item({ id }))), SOFTWARE);
      assert.deepEqual(
        parsed.kbs.map((k) => k.id),
        ids.map(() => '4540673'),
      );
    });

    it('keeps only non-empty strings of productsNames', () => {
      const parsed = parseMissingKbsPage(
        page([
          item({ productsNames: ['edge', '', '  ', 7, null, { p: 1 }, 'edge_legacy'] }),
          item({ productsNames: 'edge' }),
          item({ productsNames: undefined }),
          item({ productsNames: null }),
        ]),
        SOFTWARE,
      );
      assert.deepEqual(
        parsed.kbs.map((k) => k.productsNames),
        [['edge', 'edge_legacy'], [], [], []],
      );
    });

    it('keeps url only when it is a non-empty string', () => {
      const parsed = parseMissingKbsPage(
        page([item(), item({ url: '' }), item({ url: 42 }), item({ url: null }), item({ url: undefined })]),
        SOFTWARE,
      );
      assert.deepEqual(
        parsed.kbs.map((k) => k.url),
        [
          'https://catalog.update.microsoft.com/v7/site/Search.aspx?q=KB4540673',
          undefined,
          undefined,
          undefined,
          undefined,
        ],
      );
    });

    it('turns string, negative, fractional and missing counts into sane whole numbers', () => {
      const cases: [unknown, number][] = [
        [240, 240],
        ['240', 240],
        [' 17 ', 17],
        ['1e3', 1000],
        [2.9, 2],
        ['2.9', 2],
        [0, 0],
        [-3, 0],
        ['-3', 0],
        ['', 0],
        ['   ', 0],
        ['many', 0],
        [null, 0],
        [undefined, 0],
        [true, 0],
        [[5], 0],
        [{ n: 5 }, 0],
        ['Infinity', 0],
      ];
      const items = cases.map(([value]) => item({ machineMissedOn: value, cveAddressed: value }));
      const kbs = parseMissingKbsPage(page(items), SOFTWARE).kbs;
      cases.forEach(([value, expected], i) => {
        assert.equal(kbs[i].machineMissedOn, expected, `machineMissedOn ${JSON.stringify(value)}`);
        assert.equal(kbs[i].cveAddressed, expected, `cveAddressed ${JSON.stringify(value)}`);
        assert.ok(Number.isSafeInteger(kbs[i].machineMissedOn) || kbs[i].machineMissedOn === 0);
      });
    });

    it('gives the @odata.nextLink when there is one', () => {
      const next = 'https://api.security.microsoft.com/api/Software/microsoft-_-edge/getmissingkbs?$skiptoken=abc';
      assert.equal(parseMissingKbsPage(page([item()], { '@odata.nextLink': next }), SOFTWARE).nextLink, next);
      assert.equal(parseMissingKbsPage(page([], { '@odata.nextLink': 'page2' }), SOFTWARE).nextLink, 'page2');
    });

    it('ignores an empty or non-string @odata.nextLink', () => {
      for (const next of ['', null, 42, { href: 'x' }, ['x'], true]) {
        assert.equal(
          parseMissingKbsPage(page([item()], { '@odata.nextLink': next }), SOFTWARE).nextLink,
          undefined,
          JSON.stringify(next),
        );
      }
    });

    it('refuses a body that is not JSON, with the software id and the parse error as cause', () => {
      for (const body of ['', 'not json', '<html><body>Bad gateway</body></html>', '{"value": [', '{"value":[]']) {
        const err = parseFailure(body);
        assert.equal(err.code, 'bad-response', JSON.stringify(body));
        assert.equal(err.details.softwareId, SOFTWARE);
        assert.ok(err.cause instanceof SyntaxError);
      }
    });

    it('refuses JSON that is not the OData envelope', () => {
      for (const body of [
        '[]',
        'null',
        '"value"',
        '42',
        '{}',
        '{"@odata.context":"x"}',
        '{"value":null}',
        '{"value":{}}',
        '{"value":"[]"}',
        '{"Value":[]}',
        JSON.stringify(fixture('defender/error-not-found.json')),
      ]) {
        const err = parseFailure(body);
        assert.equal(err.code, 'bad-response', body);
        assert.equal(err.details.softwareId, SOFTWARE);
        assert.match(err.message, /value/);
      }
    });

    it('does not copy upstream text into the error message', () => {
      const err = parseFailure('<html>secret internal stack trace</html>');
      assert.doesNotMatch(err.message, /secret/);
    });
  });
});
