/** The allowed-request check of the fuzz tests must itself refuse what it is there to catch. */
import assert from 'node:assert/strict';
import { renderFilter, softwareQueryString } from '../../src/defender/odata';
import { isSafeSoftwareFilter, matchUpstream } from '../support/upstreamShapes';

const BASE = 'https://api.security.microsoft.com';

describe('allowed upstream shapes (fuzz oracle)', () => {
  it('accepts the filters the OData builder writes, hostile literals included', () => {
    for (const value of ['edge', "o'brien", "' or 1 eq 1 or name eq '", ') or (', '%27', 'Microsoft Edge']) {
      const eq = (field: 'name' | 'vendor') => ({ op: 'eq' as const, field, value });
      const contains = { op: 'contains' as const, field: 'name' as const, value };
      const filter = renderFilter({
        op: 'or',
        filters: [eq('name'), { op: 'and', filters: [eq('vendor'), contains] }],
      });
      assert.ok(isSafeSoftwareFilter(filter), filter);
      const url = `${BASE}/api/Software${softwareQueryString({ filter: { op: 'eq', field: 'name', value }, top: 50 })}`;
      assert.ok(matchUpstream('GET', url, BASE).ok, url);
    }
  });

  it('refuses filters with operators, fields or quotes outside literals', () => {
    const filters = ["name eq 'a' or 1 eq 1", "name eq 'a''", "exposedMachines eq 'a'", "name ne 'a'"];
    filters.push("name eq 'a') or (name eq 'b'", "tolower(name) eq 'a'", "name eq 'a' and", '');
    for (const filter of filters) {
      assert.equal(isSafeSoftwareFilter(filter), false, filter);
    }
  });

  // Other paths, origins and a query on getmissingkbs: the fuzz spec's 'refuses requests the shapes do not allow'.
  it('refuses other query parameters and orderings of the software list', () => {
    for (const url of [
      `${BASE}/api/Software?$select=id`,
      `${BASE}/api/Software?$orderby=name`,
      `${BASE}/api/Software?$top=10001`,
    ]) {
      assert.equal(matchUpstream('GET', url, BASE).ok, false, url);
    }
  });
});
