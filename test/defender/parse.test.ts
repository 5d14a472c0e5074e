// src/defender/parse.ts: the OData collection envelope, missing-KB and software items, Defender's error body.
import assert from 'node:assert/strict';
import { parseCollection, parseErrorBody, toMissingKb, toSoftware } from '../../src/defender/parse';
import type { MissingKb } from '../../src/defender/types';
import { type AppError, isAppError } from '../../src/errors';
import { EDGE_KB } from '../support/defenderClient';
import { softwareItem } from '../support/fakeDefender';
import { fixture } from '../support/fixtures';

const SOFTWARE = 'microsoft-_-edge';

/** The documented envelope around items, as Defender sends it (a JSON string). */
const page = (items: unknown[], extra: Record<string, unknown> = {}): string =>
  JSON.stringify({
    '@odata.context': 'https://x/api/$metadata#Collection(PublicProductFixDto)',
    value: items,
    ...extra,
  });
/** A valid item with some fields replaced. */
const item = (fields: Record<string, unknown> = {}): Record<string, unknown> => ({ ...EDGE_KB, ...fields });
const kbs = (body: string) => parseCollection(body, toMissingKb, SOFTWARE);
/** One field of every KB. */
const field = <K extends keyof MissingKb>(list: MissingKb[], key: K): MissingKb[K][] => list.map((k) => k[key]);

/** The error parsing a body throws. */
function parseFailure(body: string): AppError {
  try {
    kbs(body);
  } catch (err) {
    assert.ok(isAppError(err), `expected an AppError, got ${String(err)}`);
    return err;
  }
  assert.fail(`expected ${JSON.stringify(body)} to be refused`);
}

describe('defender/parse', () => {
  describe('parseCollection with toMissingKb', () => {
    it('parses the documented example, an empty collection, and keeps the order of the items', () => {
      assert.deepEqual(kbs(JSON.stringify(fixture('defender/getmissingkbs-edge.json'))), {
        items: [EDGE_KB],
        skipped: 0,
        nextLink: undefined,
      });
      assert.deepEqual(kbs(page([])), { items: [], skipped: 0, nextLink: undefined });
      const ids = ['1', '2', '3', '4', '5'];
      assert.deepEqual(field(kbs(page(ids.map((id) => item({ id })))).items, 'id'), ids);
    });

    it('ignores unknown fields of the envelope and of the items', () => {
      const body = page([item({ severity: 'Critical', nested: { a: [1] } })], { '@odata.count': 1, new: { x: 1 } });
      const keys = ['cveAddressed', 'id', 'machineMissedOn', 'name', 'productsNames', 'url'];
      assert.deepEqual(Object.keys(kbs(body).items[0]).sort(), keys);
    });

    it('skips and counts items without a usable id or name', () => {
      const unusable: unknown[] = [
        ...[null, 42, 'KB4540673', [item()], {}, item({ id: undefined }), item({ name: undefined })],
        ...['', '   ', 'KB', null, true, { value: '1' }, ['1'], Number.NaN].map((id) => item({ id })),
        ...['', ' \t ', { text: 'x' }].map((name) => item({ name })),
      ];
      // NaN is not JSON; JSON.stringify writes it as null, which is what Defender could send.
      const parsed = kbs(page([item({ id: '1' }), ...unusable, item({ id: '2' })]));
      assert.deepEqual(field(parsed.items, 'id'), ['1', '2']);
      assert.equal(parsed.skipped, unusable.length);
    });

    it('reads ids and names as trimmed text, numbers included, without a KB prefix in any case', () => {
      const cases: [unknown, unknown, string, string][] = [
        [4540673, 2020, '4540673', '2020'],
        [' 4540673 ', '  March 2020 Security Updates ', '4540673', 'March 2020 Security Updates'],
        ['KB4540673', 'x', '4540673', 'x'],
        ['kb4540673', 'x', '4540673', 'x'],
        ['Kb4540673', 'x', '4540673', 'x'],
        [' KB4540673', 'x', '4540673', 'x'],
      ];
      const parsed = kbs(page(cases.map(([id, name]) => item({ id, name })))).items;
      assert.deepEqual(
        parsed.map((k) => [k.id, k.name]),
        cases.map(([, , id, name]) => [id, name]),
      );
    });

    it('keeps only non-empty strings of productsNames, and url only when it is a non-empty string', () => {
      const parsed = kbs(
        page([
          item({ productsNames: ['edge', '', '  ', 7, null, { p: 1 }, 'edge_legacy'] }),
          ...['edge', undefined, null].map((productsNames) => item({ productsNames, url: '' })),
          ...[42, null].map((url) => item({ url })),
        ]),
      ).items;
      assert.deepEqual(field(parsed, 'productsNames'), [['edge', 'edge_legacy'], [], [], [], ['edge'], ['edge']]);
      assert.deepEqual(field(parsed, 'url'), [EDGE_KB.url, undefined, undefined, undefined, undefined, undefined]);
    });

    it('turns string, negative, fractional and missing counts into sane whole numbers', () => {
      const cases: [unknown, number][] = [
        ...([240, '240', ' 17 ', '1e3', 2.9, '2.9', 0] as const).map((v): [unknown, number] => [
          v,
          Math.floor(Number(v)),
        ]),
        ...[-3, '-3', '', '   ', 'many', null, undefined, true, [5], { n: 5 }, 'Infinity'].map(
          (v): [unknown, number] => [v, 0],
        ),
      ];
      const parsed = kbs(page(cases.map(([value]) => item({ machineMissedOn: value, cveAddressed: value })))).items;
      cases.forEach(([value, expected], i) => {
        const { machineMissedOn, cveAddressed } = parsed[i];
        assert.deepEqual([machineMissedOn, cveAddressed], [expected, expected], JSON.stringify(value));
      });
    });

    it('gives a non-empty string @odata.nextLink, and ignores any other', () => {
      const next = 'https://api.security.microsoft.com/api/Software/microsoft-_-edge/getmissingkbs?$skiptoken=abc';
      assert.equal(kbs(page([item()], { '@odata.nextLink': next })).nextLink, next);
      assert.equal(kbs(page([], { '@odata.nextLink': 'page2' })).nextLink, 'page2');
      for (const link of ['', null, 42, { href: 'x' }, ['x'], true]) {
        assert.equal(kbs(page([item()], { '@odata.nextLink': link })).nextLink, undefined, JSON.stringify(link));
      }
    });

    it('refuses a body that is not JSON, with the software id and the parse error as cause, no upstream text', () => {
      for (const body of ['', 'not json', '<html>secret internal stack trace</html>', '{"value": [', '{"value":[]']) {
        const err = parseFailure(body);
        assert.deepEqual([err.code, err.details.softwareId], ['bad-response', SOFTWARE], body);
        assert.ok(err.cause instanceof SyntaxError);
        assert.doesNotMatch(err.message, /secret/);
      }
    });

    it('refuses JSON that is not the OData envelope', () => {
      const bodies = [
        '[]',
        'null',
        '"value"',
        '42',
        '{}',
        '{"value":null}',
        '{"value":{}}',
        '{"value":"[]"}',
        '{"Value":[]}',
      ];
      for (const body of [...bodies, JSON.stringify(fixture('defender/error-not-found.json'))]) {
        const err = parseFailure(body);
        assert.deepEqual([err.code, err.details.softwareId], ['bad-response', SOFTWARE], body);
        assert.match(err.message, /value/);
      }
    });
  });

  it('toSoftware: lower-case id, defaults for missing fields, undefined without an id or a name', () => {
    const odd = { ...softwareItem('Microsoft-_-Edge'), impactScore: -2, vendor: null, weaknesses: '3' };
    assert.deepEqual(toSoftware(odd), softwareItem('microsoft-_-edge', { name: 'Edge', vendor: '', weaknesses: 3 }));
    assert.equal(toSoftware({ id: 'a', name: 'b', impactScore: 'high' })?.impactScore, 0);
    for (const bad of [null, 'x', { id: 'a' }, { name: 'b' }, { id: ' ', name: 'b' }])
      assert.equal(toSoftware(bad), undefined);
  });

  describe('parseErrorBody', () => {
    it('reads the documented error body, leaving out missing and non-string fields', () => {
      assert.deepEqual(parseErrorBody(JSON.stringify(fixture('defender/error-throttled.json'))), {
        code: 'TooManyRequests',
        message: 'Rate limit is exceeded. Try again in 30 seconds.',
        target: 'c7c6e5b1-1f9c-4c4b-9bd0-2a1f3c0fd1a5',
      });
      const none = { code: undefined, message: undefined, target: undefined };
      assert.deepEqual(parseErrorBody('{"error":{}}'), none);
      assert.deepEqual(
        parseErrorBody('{"error":{"code":403,"message":["m"],"target":null,"innerError":{"a":1}}}'),
        none,
      );
      assert.deepEqual(parseErrorBody('{"error":{"code":"Forbidden"},"other":1}'), { ...none, code: 'Forbidden' });
    });

    it('gives undefined for bodies that are not the documented error', () => {
      const bodies = ['', 'Bad gateway', '<html></html>', '{"error":', 'null', '[]', '"error"', '{}', '{"value":[]}'];
      for (const body of [...bodies, '{"error":"Forbidden"}', '{"error":null}', '{"error":["Forbidden"]}']) {
        assert.equal(parseErrorBody(body), undefined, JSON.stringify(body));
      }
    });
  });
});
