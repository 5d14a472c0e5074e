/**
 * The server side of `GET /api/Software`'s OData options, as documented: `$filter` on `id`, `name`
 * and `vendor` (eq, ne, and, or, not, parentheses; `contains`, `startswith` and `endswith` when
 * functions are on), `$top` (1 to 10,000), `$skip` and `$orderby`. Anything else is a 400, as
 * Defender answers it. Used by the demo tenant and by the tests' fake Defender.
 */
import type { Software } from '../types';

/** The entity of the software list, with the fields its documentation lists. */
export type SoftwareEntity = Software;

/** What the server accepts beyond the documented minimum. */
export interface QueryFeatures {
  /** Whether `contains`/`startswith`/`endswith` are understood (the documentation does not promise them). */
  readonly functions: boolean;
  /** Whether `$orderby` is understood (not documented for this endpoint). */
  readonly orderby: boolean;
  /** Whether `and`, `or`, `not` and parentheses are understood (standard OData; off to test a stricter server). */
  readonly combinations: boolean;
}

/** A query the server refuses (answered 400). */
export class QueryError extends Error {}

/** Deepest nesting of parentheses and `not` accepted. */
const MAX_DEPTH = 32;
type Predicate = (entity: SoftwareEntity) => boolean;
const FIELDS = new Set(['id', 'name', 'vendor']);
const FUNCTIONS = new Set(['contains', 'startswith', 'endswith']);
const SORTABLE = new Set(['id', 'name', 'vendor', 'weaknesses', 'exposedMachines', 'impactScore']);

/** Applies the query's OData options to the inventory; throws QueryError for what the server refuses. */
export function applyQuery(
  all: readonly SoftwareEntity[],
  params: URLSearchParams,
  features: QueryFeatures,
): SoftwareEntity[] {
  for (const key of params.keys()) {
    if (!['$filter', '$top', '$skip', '$orderby'].includes(key)) throw new QueryError(`Unsupported option ${key}`);
  }
  const filter = params.get('$filter');
  let items = filter === null ? [...all] : all.filter(parseFilter(filter, features));
  const orderby = params.get('$orderby');
  if (orderby !== null) {
    if (!features.orderby) throw new QueryError('$orderby is not supported');
    items = sortBy(items, orderby);
  }
  const skip = integer(params.get('$skip'), 0, Number.MAX_SAFE_INTEGER, '$skip') ?? 0;
  const top = integer(params.get('$top'), 1, 10_000, '$top') ?? 10_000;
  return items.slice(skip, skip + top);
}

function integer(text: string | null, min: number, max: number, what: string): number | undefined {
  if (text === null) return undefined;
  const n = /^\d{1,16}$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new QueryError(`Invalid ${what}`);
  return n;
}

function sortBy(items: SoftwareEntity[], orderby: string): SoftwareEntity[] {
  const match = /^\s*(\w+)(?:\s+(asc|desc))?\s*$/.exec(orderby);
  if (!match || !SORTABLE.has(match[1])) throw new QueryError('Invalid $orderby');
  const key = match[1] as keyof SoftwareEntity;
  const sign = match[2] === 'desc' ? -1 : 1;
  return items.sort((a, b) => sign * (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0));
}

/** Tokens: identifiers, string literals (with '' for a quote), parentheses and commas. */
function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const pattern = /\s*(?:('(?:[^']|'')*')|([A-Za-z_][A-Za-z0-9_]*)|([(),]))/y;
  let index = 0;
  while (index < text.length) {
    if (/^\s*$/.test(text.slice(index))) break;
    pattern.lastIndex = index;
    const match = pattern.exec(text);
    if (!match) throw new QueryError('Invalid $filter syntax');
    tokens.push(match[1] ?? match[2] ?? match[3]);
    index = pattern.lastIndex;
  }
  return tokens;
}

/** Parses a `$filter` into a predicate (recursive descent: or, and, not, comparison, function, parentheses). */
function parseFilter(text: string, features: QueryFeatures): Predicate {
  const tokens = tokenize(text);
  let at = 0;
  let depth = 0;
  const peek = (): string | undefined => tokens[at];
  const take = (expected?: string): string => {
    const token = tokens[at++];
    if (token === undefined || (expected !== undefined && token.toLowerCase() !== expected)) {
      throw new QueryError('Invalid $filter syntax');
    }
    return token;
  };
  const field = (): keyof SoftwareEntity => {
    const name = take();
    if (!FIELDS.has(name)) throw new QueryError(`Filtering on ${name} is not supported`);
    return name as keyof SoftwareEntity;
  };
  const literal = (): string => {
    const token = take();
    if (!token.startsWith("'")) throw new QueryError('Expected a string literal');
    return token.slice(1, -1).replace(/''/g, "'");
  };
  const primary = (): Predicate => {
    if (peek() === '(' || peek()?.toLowerCase() === 'not') {
      if (!features.combinations) throw new QueryError('Combined filters are not supported');
      if (++depth > MAX_DEPTH) throw new QueryError('The $filter is nested too deeply');
      const negate = take().toLowerCase() === 'not';
      const inner = negate ? primary() : or();
      if (!negate) take(')');
      depth--;
      return negate ? (e) => !inner(e) : inner;
    }
    const next = tokens[at + 1];
    if (next === '(') {
      const fn = take().toLowerCase();
      if (!FUNCTIONS.has(fn) || !features.functions) throw new QueryError(`Function ${fn} is not supported`);
      take('(');
      const key = field();
      take(',');
      const value = literal();
      take(')');
      return (e) => {
        const actual = String(e[key]);
        return fn === 'contains'
          ? actual.includes(value)
          : fn === 'startswith'
            ? actual.startsWith(value)
            : actual.endsWith(value);
      };
    }
    const key = field();
    const op = take().toLowerCase();
    if (op !== 'eq' && op !== 'ne') throw new QueryError(`Operator ${op} is not supported`);
    const value = literal();
    return op === 'eq' ? (e) => e[key] === value : (e) => e[key] !== value;
  };
  /** Operands joined by `keyword` (left to right): all must hold for `and`, one for `or`. */
  const joined = (keyword: 'and' | 'or', operand: () => Predicate) => (): Predicate => {
    const operands = [operand()];
    while (peek()?.toLowerCase() === keyword) {
      if (!features.combinations) throw new QueryError('Combined filters are not supported');
      take();
      operands.push(operand());
    }
    return keyword === 'and' ? (e) => operands.every((p) => p(e)) : (e) => operands.some((p) => p(e));
  };
  const and = joined('and', primary);
  const or = joined('or', and);
  const predicate = or();
  if (at !== tokens.length) throw new QueryError('Invalid $filter syntax');
  return predicate;
}
