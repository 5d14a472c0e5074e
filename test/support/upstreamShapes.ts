/** The only requests the bot may send to Defender, as a short list of shapes. */

/**
 * A software id the bot may ask about: the documented shape (lower-case `vendor-_-product`: letters, digits,
 * `_`, `.` and `-`), no `..`, at most 200 characters.
 */
export function isValidSoftwareId(id: string): boolean {
  return /^[a-z0-9_.-]+-_-[a-z0-9_.-]+$/.test(id) && !id.includes('..') && id.length <= 200;
}

/** Longest string literal the client puts in a filter (src/defender/odata.ts MAX_LITERAL). */
const MAX_FILTER_LITERAL = 200;

/** A `$filter` of the shape src/defender/odata.ts writes, checked on the decoded value: comparisons `field eq '…'`, `contains(field,'…')` or `startswith(field,'…')` on the documented fields only, combined with ` and ` / ` or ` and parentheses; user text only inside literals (quotes doubled). */
export function isSafeSoftwareFilter(filter: string): boolean {
  const literals = filter.match(/'(?:[^']|'')*'/g) ?? [];
  if (literals.some((l) => l.length - 2 > MAX_FILTER_LITERAL * 2)) return false;
  let skeleton = filter.replace(/'(?:[^']|'')*'/g, 'L');
  if (/['"]/.test(skeleton)) return false;
  skeleton = skeleton.replace(/\b(?:id|name|vendor) eq L|\b(?:contains|startswith)\((?:id|name|vendor),L\)/g, 'T');
  const combination = /\(T(?: (?:and|or) T)*\)/g;
  for (let before = ''; before !== skeleton;) {
    before = skeleton;
    skeleton = skeleton.replace(combination, 'T');
  }
  return /^T(?: (?:and|or) T)*$/.test(skeleton);
}

/** A decimal integer within bounds. */
function integerIn(min: number, max: number): (value: string) => boolean {
  return (value) => /^\d{1,16}$/.test(value) && Number(value) >= min && Number(value) <= max;
}

/** One allowed request: a method, a path under the base (`{name}` is one path segment) and its checks. */
export interface UpstreamShape {
  readonly name: string;
  readonly method: 'GET';
  /** Path below the base, e.g. `api/Software/{softwareId}/getmissingkbs`. */
  readonly path: string;
  /** A check per `{name}` of the path, on the percent-decoded segment. */
  readonly params: Readonly<Record<string, (value: string) => boolean>>;
  /** A check per allowed query parameter; any other parameter fails. Empty: no query at all. */
  readonly query: Readonly<Record<string, (value: string) => boolean>>;
}

/** Every request the bot may send to Defender today. */
export const ALLOWED_UPSTREAM: readonly UpstreamShape[] = [
  {
    name: 'missing KBs of one software',
    method: 'GET',
    path: 'api/Software/{softwareId}/getmissingkbs',
    params: { softwareId: isValidSoftwareId },
    query: {},
  },
  {
    name: 'software list (names, top)',
    method: 'GET',
    path: 'api/Software',
    params: {},
    query: {
      $filter: isSafeSoftwareFilter,
      $top: integerIn(1, 10_000),
      $skip: integerIn(0, Number.MAX_SAFE_INTEGER),
      $orderby: (value) => value === 'exposedMachines desc',
    },
  },
];

/** A request URL matched against the shapes: the shape and its decoded parameters, or why none matched. */
export type UpstreamMatch =
  { ok: true; shape: UpstreamShape; params: Record<string, string> } | { ok: false; reason: string };

/** Matches `method url` against the allowed shapes for a client configured with `baseUrl`. */
export function matchUpstream(
  method: string,
  url: string,
  baseUrl: string,
  { checkParams = true }: { checkParams?: boolean } = {},
): UpstreamMatch {
  const base = new URL(baseUrl.replace(/\/*$/, '/'));
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return { ok: false, reason: 'not an absolute URL' };
  }
  if (target.origin !== base.origin) return { ok: false, reason: `other origin ${target.origin}` };
  if (target.username || target.password) return { ok: false, reason: 'credentials in the URL' };
  if (target.hash || url.includes('#')) return { ok: false, reason: 'a fragment' };
  if (!target.pathname.startsWith(base.pathname)) return { ok: false, reason: 'outside the base path' };
  const segments = target.pathname.slice(base.pathname.length).split('/');
  for (const segment of segments) {
    if (/^(\.|%2e){1,2}$/i.test(segment)) return { ok: false, reason: 'a dot segment' };
    if (/%2f|%5c|\\/i.test(segment)) return { ok: false, reason: 'an encoded slash' };
    if (/%25/.test(segment))
      return { ok: false, reason: 'an encoded % (a double-decoding proxy would see another path)' };
  }
  const reasons: string[] = [];
  for (const shape of ALLOWED_UPSTREAM) {
    const matched = matchShape(shape, method, segments, target.searchParams, checkParams);
    if (matched.ok) return matched;
    reasons.push(`${shape.name}: ${matched.reason}`);
  }
  return { ok: false, reason: reasons.join('; ') };
}

function matchShape(
  shape: UpstreamShape,
  method: string,
  segments: string[],
  query: URLSearchParams,
  checkParams: boolean,
): UpstreamMatch {
  if (method !== shape.method) return { ok: false, reason: `method ${method}` };
  const expected = shape.path.split('/');
  if (segments.length !== expected.length) return { ok: false, reason: 'another number of path segments' };
  const params: Record<string, string> = {};
  for (const [i, part] of expected.entries()) {
    const name = /^\{(\w+)\}$/.exec(part)?.[1];
    if (!name) {
      if (segments[i] !== part) return { ok: false, reason: `segment ${i} is not ${part}` };
      continue;
    }
    let value: string;
    try {
      value = decodeURIComponent(segments[i]);
    } catch {
      return { ok: false, reason: `${name} is not valid percent-encoding` };
    }
    if (value === '') return { ok: false, reason: `${name} is empty` };
    if (checkParams && !shape.params[name](value)) return { ok: false, reason: `${name} ${JSON.stringify(value)}` };
    params[name] = value;
  }
  for (const [key, value] of query) {
    const check = shape.query[key];
    if (!check) return { ok: false, reason: `query parameter ${key}` };
    if (checkParams && !check(value)) return { ok: false, reason: `query ${key}=${JSON.stringify(value)}` };
  }
  return { ok: true, shape, params };
}
