/**
 * OData query building for `GET /api/Software`. User text only ever enters as a string literal
 * (single quotes doubled), and the whole query is percent-encoded, so no input can add an operator,
 * a parameter or a path. Only the documented filter fields are accepted.
 */
import { AppError } from '../errors';

/** The fields Defender documents as filterable on the software list. */
export type SoftwareField = 'id' | 'name' | 'vendor';

/** A filter: a comparison on a documented field, or a combination of filters. */
export type SoftwareFilter =
  | { readonly op: 'eq' | 'contains' | 'startswith'; readonly field: SoftwareField; readonly value: string }
  | { readonly op: 'and' | 'or'; readonly filters: readonly SoftwareFilter[] };

/** Orderings the bot asks for. */
export type SoftwareOrder = 'exposedMachines desc';

/** Query options of the software list. */
export interface SoftwareQuery {
  readonly filter?: SoftwareFilter;
  readonly top?: number;
  readonly skip?: number;
  readonly orderby?: SoftwareOrder;
}

/** Defender's documented maximum for `$top`. */
export const MAX_TOP = 10_000;
/** Most filters combined at one level; the bot needs far fewer. */
const MAX_TERMS = 20;
/** Longest literal accepted in a filter; names are far shorter. */
export const MAX_LITERAL = 200;

const FIELDS: ReadonlySet<string> = new Set(['id', 'name', 'vendor']);
const ORDERS: ReadonlySet<string> = new Set(['exposedMachines desc']);

/** An OData string literal: wrapped in single quotes, inner single quotes doubled. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** The `$filter` expression of a filter (not yet URL-encoded). */
export function renderFilter(filter: SoftwareFilter): string {
  if ('filters' in filter) {
    if (filter.op !== 'and' && filter.op !== 'or') throw bad(`operator ${String(filter.op)}`);
    if (filter.filters.length === 0 || filter.filters.length > MAX_TERMS) throw bad('a combination of that size');
    const parts = filter.filters.map((f) => (isCombination(f) ? `(${renderFilter(f)})` : renderFilter(f)));
    return parts.join(` ${filter.op} `);
  }
  if (!FIELDS.has(filter.field)) throw bad(`field ${String(filter.field)}`);
  if (typeof filter.value !== 'string' || filter.value.length > MAX_LITERAL) throw bad('a literal');
  const literal = odataString(filter.value);
  if (filter.op === 'eq') return `${filter.field} eq ${literal}`;
  if (filter.op === 'contains' || filter.op === 'startswith') return `${filter.op}(${filter.field},${literal})`;
  throw bad(`operator ${String(filter.op)}`);
}

/** The query string (with its `?`, or empty) for the options; every value percent-encoded. */
export function softwareQueryString(query: SoftwareQuery): string {
  const params: string[] = [];
  if (query.filter) params.push(`$filter=${encode(renderFilter(query.filter))}`);
  if (query.top !== undefined) params.push(`$top=${bounded(query.top, 1, MAX_TOP, '$top')}`);
  if (query.skip !== undefined) params.push(`$skip=${bounded(query.skip, 0, Number.MAX_SAFE_INTEGER, '$skip')}`);
  if (query.orderby !== undefined) {
    if (!ORDERS.has(query.orderby)) throw bad(`ordering ${String(query.orderby)}`);
    params.push(`$orderby=${encode(query.orderby)}`);
  }
  return params.length ? `?${params.join('&')}` : '';
}

/** encodeURIComponent, plus the sub-delimiters it leaves alone (`'`, `(`, `)`, `!`, `*`). */
function encode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function bounded(n: number, min: number, max: number, what: string): number {
  if (!Number.isSafeInteger(n) || n < min || n > max) throw bad(`${what} ${n}`);
  return n;
}

function isCombination(filter: SoftwareFilter): boolean {
  return 'filters' in filter;
}

function bad(what: string): AppError {
  return new AppError('bad-input', `Not a query the software list accepts: ${what}`);
}
