// src/defender/odata.ts: OData literals, filters and the percent-encoded query of GET /api/Software.
import assert from 'node:assert/strict';
import { AppError } from '../../src/errors';
import { renderFilter, softwareQueryString, type SoftwareFilter } from '../../src/defender/odata';

/** The query parameters a server reads from the query string. */
function params(query: string): Map<string, string> {
  return new Map(new URL(`https://x.test/api/Software${query}`).searchParams);
}

describe('odata (software list queries)', () => {
  it('renders eq, functions and nested combinations with parentheses', () => {
    const edge: SoftwareFilter = { op: 'eq', field: 'name', value: 'edge' };
    const microsoft: SoftwareFilter = { op: 'eq', field: 'vendor', value: 'microsoft' };
    const contains: SoftwareFilter = { op: 'contains', field: 'name', value: 'edge' };
    const filter: SoftwareFilter = { op: 'or', filters: [edge, { op: 'and', filters: [microsoft, contains] }] };
    assert.equal(renderFilter(filter), "name eq 'edge' or (vendor eq 'microsoft' and contains(name,'edge'))");
  });

  it('refuses undocumented fields, operators, empty combinations and over-long literals', () => {
    const refused: unknown[] = [
      { op: 'eq', field: 'exposedMachines', value: '1' },
      { op: 'gt', field: 'name', value: 'a' },
      { op: 'or', filters: [] },
      { op: 'xor', filters: [{ op: 'eq', field: 'name', value: 'a' }] },
      { op: 'eq', field: 'name', value: 'a'.repeat(201) },
    ];
    for (const filter of refused) {
      assert.throws(
        () => renderFilter(filter as SoftwareFilter),
        (err: unknown) => err instanceof AppError && err.code === 'bad-input',
        JSON.stringify(filter),
      );
    }
  });

  it('percent-encodes the whole filter, quotes and parentheses included', () => {
    const query = softwareQueryString({ filter: { op: 'eq', field: 'name', value: "a'b (c)" }, top: 5 });
    assert.equal(query, '?$filter=name%20eq%20%27a%27%27b%20%28c%29%27&$top=5');
  });

  it('no user text adds a parameter or changes the filter: quotes are doubled (hostile inputs)', () => {
    const hostile = [
      "'",
      "' or 1 eq 1",
      "edge' or name ne '",
      '%27',
      '%27 or 1 eq 1',
      '&$top=1',
      '#frag',
      '?x=1',
      "edge&$filter=id eq 'x'",
      'é€😀 ünïcödé',
      '\\',
      '+plus+',
      '$skip=3',
      ') or (',
      "name eq 'x'",
    ];
    for (const value of hostile) {
      const parsed = params(softwareQueryString({ filter: { op: 'eq', field: 'name', value }, top: 10 }));
      assert.deepEqual([...parsed.keys()], ['$filter', '$top'], value);
      assert.equal(parsed.get('$filter'), `name eq '${value.replace(/'/g, "''")}'`, value);
      assert.equal(parsed.get('$top'), '10', value);
    }
  });

  it('bounds $top to 1..10000 and $skip to non-negative integers; orders only as allowed', () => {
    assert.equal(softwareQueryString({ top: 10_000 }), '?$top=10000');
    assert.equal(
      softwareQueryString({ skip: 0, orderby: 'exposedMachines desc' }),
      '?$skip=0&$orderby=exposedMachines%20desc',
    );
    assert.equal(softwareQueryString({}), '');
    for (const query of [{ top: 0 }, { top: 10_001 }, { top: 1.5 }, { skip: -1 }, { orderby: 'name; drop' }]) {
      assert.throws(() => softwareQueryString(query as never), AppError, JSON.stringify(query));
    }
  });
});
