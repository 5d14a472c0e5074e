/** Finds the software a typed name means: one, several, or none with the nearest names. */
import type { RequestContext } from '../commands/types';
import type { SoftwareFilter } from '../defender/odata';
import type { Software } from '../defender/types';
import type { Logger } from '../log';
import { containsFilter, exactFilter, simpleFilters } from './nameFilters';
import { isRefusedQuery, type SoftwareSource } from './source';
import type { Suggestions } from './suggest';

/** Matches asked for at most; a choice card shows the most exposed of them. */
export const MAX_MATCHES = 50;

/** What a name resolved to. */
export type Resolution =
  | { readonly kind: 'one'; readonly software: Software }
  | { readonly kind: 'many'; readonly matches: readonly Software[] }
  | { readonly kind: 'none'; readonly suggestions: readonly Software[] };

/** Looks names up in the software list on the user's behalf. */
export class NameResolver {
  constructor(
    private readonly source: SoftwareSource,
    private readonly suggestions: Suggestions,
    private readonly logger: Logger,
  ) {}

  /** Exact readings first (id, name, vendor, vendor + name), then names containing it, then suggestions. */
  async resolve(query: string, request: RequestContext): Promise<Resolution> {
    const matches = (await this.exact(query, request)) ?? (await this.containing(query, request)) ?? [];
    if (matches.length === 1) return { kind: 'one', software: matches[0] };
    if (matches.length > 1) return { kind: 'many', matches: byExposure(matches) };
    return { kind: 'none', suggestions: await this.suggestions.nearest(query, request) };
  }

  private async exact(query: string, request: RequestContext): Promise<Software[] | undefined> {
    try {
      return nonEmpty(await this.list(exactFilter(query), request));
    } catch (err) {
      if (!isRefusedQuery(err)) throw err;
      this.logger.info('browse.filter_refused', { filter: 'or' });
    }
    for (const { filter, vendor } of simpleFilters(query)) {
      const found = (await this.list(filter, request)).filter((s) => vendor === undefined || s.vendor === vendor);
      if (found.length > 0) return found;
    }
    return undefined;
  }

  private async containing(query: string, request: RequestContext): Promise<Software[] | undefined> {
    try {
      return nonEmpty(await this.list(containsFilter(query), request));
    } catch (err) {
      if (!isRefusedQuery(err)) throw err;
      this.logger.info('browse.filter_refused', { filter: 'contains' });
      return undefined;
    }
  }

  private async list(filter: SoftwareFilter, request: RequestContext): Promise<Software[]> {
    return [...(await this.source({ filter, top: MAX_MATCHES }, request)).items];
  }
}

/** Most exposed first, then by id. */
export function byExposure(items: readonly Software[]): Software[] {
  return [...items].sort((a, b) => b.exposedMachines - a.exposedMachines || a.id.localeCompare(b.id));
}

function nonEmpty<T>(items: T[]): T[] | undefined {
  return items.length > 0 ? items : undefined;
}
