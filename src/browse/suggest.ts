/**
 * "Did you mean": the software whose names are nearest to what was typed, from a bounded list of
 * the inventory fetched with `$top` and kept briefly for each user. A user's list is fetched with
 * their own token and never shown to anyone else.
 */
import type { RequestContext } from '../commands/types';
import type { Software } from '../defender/types';
import { LruCache } from '../cache/lru';
import { track } from '../cache/stats';
import { defenderSpelling } from './nameFilters';
import type { SoftwareSource } from './source';

/** Software read for suggestions: the first this many of the inventory. */
export const SUGGESTION_LIST_SIZE = 1000;
/** Users whose lists are kept at once. */
const MAX_USERS = 100;
const DEFAULT_TTL_MS = 2 * 60_000;

/** Nearest names, per user. */
export class Suggestions {
  private readonly lists = track('suggestion lists', new LruCache<string, readonly Software[]>(MAX_USERS));

  constructor(
    private readonly source: SoftwareSource,
    private readonly ttlMs = DEFAULT_TTL_MS,
  ) {}

  /** Up to `max` software near `query`, nearest first, then most exposed. */
  async nearest(query: string, request: RequestContext, max = 5): Promise<Software[]> {
    const list = await this.listFor(request);
    const wanted = defenderSpelling(query);
    const limit = Math.max(2, Math.floor(wanted.length / 3));
    return list
      .map((software) => ({ software, score: score(wanted, software, limit) }))
      .filter((s) => s.score <= limit)
      .sort((a, b) => a.score - b.score || b.software.exposedMachines - a.software.exposedMachines)
      .slice(0, max)
      .map((s) => s.software);
  }

  private async listFor(request: RequestContext): Promise<readonly Software[]> {
    // Without a tenant and a user, there is nobody to keep the list for: fetch it every time.
    const key = request.tenantId && request.userId ? `${request.tenantId}/${request.userId}`.toLowerCase() : undefined;
    const cached = key ? this.lists.get(key) : undefined;
    if (cached) return cached;
    const list = (await this.source({ top: SUGGESTION_LIST_SIZE }, request)).items;
    if (key) this.lists.set(key, list, Date.now() + this.ttlMs);
    return list;
  }
}

/** How far a software is from the typed text: 0 when one contains the other, else the edit distance. */
function score(wanted: string, software: Software, limit: number): number {
  const candidates = [software.name.toLowerCase(), `${software.vendor}_${software.name}`.toLowerCase()];
  let best = Infinity;
  for (const candidate of candidates) {
    if (candidate.includes(wanted) || (candidate.length >= 3 && wanted.includes(candidate))) return 0;
    best = Math.min(best, editDistance(wanted, candidate, limit));
  }
  return best;
}

/** Levenshtein distance, or `limit + 1` as soon as it must exceed `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      rowMin = Math.min(rowMin, current[j]);
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length];
}
