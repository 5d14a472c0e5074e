/**
 * The filters that look a typed name up in the software list. Defender's ids, names and vendors
 * are lower case with `_` for spaces (`microsoft-_-internet_explorer`), so "Internet Explorer" is
 * looked up as `internet_explorer`, and "Microsoft Edge" also as vendor `microsoft` + name `edge`.
 */
import type { SoftwareFilter } from '../defender/odata';

/** Words of a name beyond which vendor/name splits are not tried. */
const MAX_SPLIT_WORDS = 6;

/** A typed name in Defender's spelling: lower case, words joined with `_`. */
export function defenderSpelling(query: string): string {
  return words(query).join('_');
}

/** Each way to read the words as a vendor followed by a name ("microsoft edge" → microsoft + edge). */
export function vendorNameSplits(query: string): { vendor: string; name: string }[] {
  const all = words(query);
  if (all.length < 2 || all.length > MAX_SPLIT_WORDS) return [];
  return all.slice(1).map((_, i) => ({ vendor: all.slice(0, i + 1).join('_'), name: all.slice(i + 1).join('_') }));
}

/** One request with every exact reading: id, name, vendor, or vendor and name (`eq`, `and`, `or` only). */
export function exactFilter(query: string): SoftwareFilter {
  const spelled = defenderSpelling(query);
  return {
    op: 'or',
    filters: [
      { op: 'eq', field: 'id', value: spelled },
      { op: 'eq', field: 'name', value: spelled },
      { op: 'eq', field: 'vendor', value: spelled },
      ...vendorNameSplits(query).map((s): SoftwareFilter => ({
        op: 'and',
        filters: [
          { op: 'eq', field: 'vendor', value: s.vendor },
          { op: 'eq', field: 'name', value: s.name },
        ],
      })),
    ],
  };
}

/**
 * The same readings as single comparisons, for a Defender that refuses `or`/`and`: name, vendor,
 * then each split's name (its vendor is checked on the answer).
 */
export function simpleFilters(query: string): { filter: SoftwareFilter; vendor?: string }[] {
  const spelled = defenderSpelling(query);
  return [
    { filter: { op: 'eq', field: 'name', value: spelled } },
    { filter: { op: 'eq', field: 'vendor', value: spelled } },
    ...vendorNameSplits(query).map((s) => ({
      filter: { op: 'eq' as const, field: 'name' as const, value: s.name },
      vendor: s.vendor,
    })),
  ];
}

/** Names containing the typed text (`contains` is not documented: callers fall back when Defender refuses it). */
export function containsFilter(query: string): SoftwareFilter {
  return { op: 'contains', field: 'name', value: defenderSpelling(query) };
}

function words(query: string): string[] {
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w !== '');
}
