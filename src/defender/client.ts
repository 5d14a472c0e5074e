/** A thin typed client for the Defender for Endpoint software API: requests, paging and parsing. */
import { AppError, isAppError } from '../errors';
import { MAX_BODY_BYTES, parseRetryAfter, readBodyText } from '../http';
import { safeString, silentLogger, type Logger } from '../log';
import { deadlineSignal, untilAborted } from '../time';
import { errorForStatus } from './errors';
import { softwareQueryString, type SoftwareQuery } from './odata';
import { parseCollection, toMissingKb, toSoftware, type CollectionPage } from './parse';
import type { FetchLike, MissingKb, MissingKbsResult, Software, SoftwareList, TokenProvider } from './types';

/** Ids that could leave `/api/Software/{id}/...` once encoded: empty, dot segments, slashes, `%`, `?`, `#`, controls. */
const UNSAFE_ID = /^\.{0,2}$|[/\\%?#\p{C}]/u;

/** Settings of a DefenderClient; only `baseUrl` and `getToken` are required. */
export interface DefenderClientOptions {
  /** e.g. https://api.security.microsoft.com (no trailing slash needed). */
  readonly baseUrl: string;
  readonly getToken: TokenProvider;
  /** Default the global fetch, bare; app.ts wraps it with throttling and retries (src/http). */
  readonly fetch?: FetchLike;
  /** Deadline for one call, token, retries and pages included. Default 15 s. */
  readonly timeoutMs?: number;
  /** Pages followed through @odata.nextLink at most. Default 50. */
  readonly maxPages?: number;
  /** Bytes read for one call, its pages together; past it the call fails (`bad-response`). Default 32 MB. */
  readonly maxBytes?: number;
  readonly logger?: Logger;
}

/** Calls Defender with a bearer token from the token provider; every failure is an AppError. */
export class DefenderClient {
  private readonly base: URL;
  private readonly fetch: FetchLike;

  constructor(private readonly options: DefenderClientOptions) {
    this.base = new URL(options.baseUrl.replace(/\/*$/, '/'));
    this.fetch = options.fetch ?? ((input, init) => fetch(input, init));
  }

  /** `GET /api/Software/{id}/getmissingkbs`, following same-origin nextLinks. */
  async getMissingKbs(softwareId: string, signal?: AbortSignal): Promise<MissingKbsResult> {
    // Callers validate ids; these would still reach another path (dot segments, or a proxy that decodes
    // %2F, %5C or %25 before routing), so refuse them here too.
    if (UNSAFE_ID.test(softwareId)) {
      throw new AppError('bad-input', 'Not a software id', { softwareId });
    }
    const path = `api/Software/${encodeURIComponent(softwareId)}/getmissingkbs`;
    const parse = (body: string): CollectionPage<MissingKb> => parseCollection(body, toMissingKb, softwareId);
    const { items, ...rest } = await this.collect(path, parse, { softwareId, signal });
    return { softwareId, kbs: items, ...rest };
  }

  /** `GET /api/Software` with OData options (see odata.ts); at most `top` items even across nextLinks. */
  async listSoftware(query: SoftwareQuery = {}, signal?: AbortSignal): Promise<SoftwareList> {
    const path = `api/Software${softwareQueryString(query)}`;
    const parse = (body: string): CollectionPage<Software> => parseCollection(body, toSoftware);
    const list = await this.collect(path, parse, { signal, limit: query.top });
    return list;
  }

  /** GETs `path` and every same-origin page after it, within one deadline; failures become AppErrors. */
  private async collect<T>(
    path: string,
    parse: (body: string) => CollectionPage<T>,
    call: { softwareId?: string; signal?: AbortSignal; limit?: number },
  ): Promise<{ items: T[]; skipped: number; pages: number; complete: boolean }> {
    const { softwareId, signal, limit = Infinity } = call;
    const timeoutMs = this.options.timeoutMs ?? 15000;
    const deadlineAt = Date.now() + timeoutMs;
    const deadline = deadlineSignal(timeoutMs, signal);
    const combined = deadline.signal;
    const items: T[] = [];
    const seen = new Set<string>();
    let url: string | undefined = new URL(path, this.base).toString();
    let skipped = 0;
    let pages = 0;
    let complete = true;
    // One budget for all pages: 50 pages of the per-answer cap would be more than the heap holds.
    let bytesLeft = this.options.maxBytes ?? MAX_BODY_BYTES;
    const log = softwareId ? this.log.child({ softwareId }) : this.log;
    try {
      const token = await this.token(combined);
      while (url && items.length < limit) {
        seen.add(url);
        const body = await this.get(url, token, { softwareId, signal: combined, deadlineAt, maxBodyBytes: bytesLeft });
        bytesLeft -= Buffer.byteLength(body);
        const page = parse(body);
        pages++;
        items.push(...page.items);
        skipped += page.skipped;
        url = page.nextLink ? this.nextPageUrl(page.nextLink, url, seen, pages, log) : undefined;
        if (page.nextLink && !url) complete = false;
      }
    } catch (err) {
      throw this.normalise(err, softwareId, deadline.expired(), signal);
    } finally {
      deadline.dispose();
    }
    if (skipped > 0) log.warn('defender.items_skipped', { skipped });
    return { items: items.slice(0, limit), skipped, pages, complete };
  }

  /** A token from the provider, within the call's deadline; provider failures that are not AppErrors are internal. */
  private async token(signal: AbortSignal): Promise<string> {
    try {
      return await untilAborted(this.options.getToken(), signal);
    } catch (err) {
      if (isAppError(err) || signal.aborted) throw err;
      throw new AppError('internal', `The token provider failed: ${errorMessage(err)}`, {}, { cause: err });
    }
  }

  private get log(): Logger {
    return this.options.logger ?? silentLogger;
  }

  /** The next page's absolute URL, or undefined when it must not be followed. */
  private nextPageUrl(
    link: string,
    current: string,
    seen: Set<string>,
    pages: number,
    log: Logger,
  ): string | undefined {
    let next: URL;
    try {
      next = new URL(link, current);
    } catch {
      log.warn('defender.next_link_invalid');
      return undefined;
    }
    if (next.origin !== this.base.origin) {
      log.warn('defender.next_link_cross_origin', { origin: next.origin });
      return undefined;
    }
    if (seen.has(next.toString())) {
      log.warn('defender.next_link_loop', { pages });
      return undefined;
    }
    if (pages >= (this.options.maxPages ?? 50)) {
      log.warn('defender.page_limit', { pages });
      return undefined;
    }
    return next.toString();
  }

  /** One GET (retried by the fetch wrapper, which is told the deadline); a failure status becomes its AppError. */
  private async get(
    url: string,
    token: string,
    call: { softwareId?: string; signal: AbortSignal; deadlineAt: number; maxBodyBytes: number },
  ): Promise<string> {
    const { softwareId, signal, deadlineAt, maxBodyBytes } = call;
    const response = await this.fetch(url, {
      method: 'GET',
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
      redirect: 'error',
      signal,
      deadlineAt,
      maxBodyBytes,
      logFields: { softwareId },
    });
    const body = await readBodyText(response, signal, maxBodyBytes);
    if (response.ok) return body;
    throw errorForStatus(response.status, body, softwareId, parseRetryAfter(response.headers.get('retry-after')));
  }

  /** Turns whatever escaped into an AppError: deadline, caller abort or network failure. */
  private normalise(
    err: unknown,
    softwareId: string | undefined,
    expired: boolean,
    callerSignal?: AbortSignal,
  ): AppError {
    if (isAppError(err)) {
      return err.details.softwareId || !softwareId
        ? err
        : new AppError(err.code, err.message, { ...err.details, softwareId }, { cause: err });
    }
    if (expired) {
      return new AppError('timeout', 'Defender did not answer in time', { softwareId }, { cause: err });
    }
    const message = callerSignal?.aborted
      ? 'The lookup was cancelled'
      : `Could not reach Defender: ${errorMessage(err)}`;
    return new AppError('upstream-failure', message, { softwareId }, { cause: err });
  }
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : safeString(err);
}
