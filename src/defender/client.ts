/** A thin typed client for the Defender for Endpoint software API. */
import { AppError, isAppError } from '../errors';
import { silentLogger, type Logger } from '../log';
import { readBodyText } from './body';
import { errorForStatus, isTransientStatus } from './errors';
import { parseMissingKbsPage } from './parse';
import { backoffDelay, parseRetryAfter, sleep } from './retry';
import type { FetchLike, MissingKb, MissingKbsResult, TokenProvider } from './types';

/** Settings of a DefenderClient; only `baseUrl` and `getToken` are required. */
export interface DefenderClientOptions {
  /** e.g. https://api.security.microsoft.com (no trailing slash needed). */
  readonly baseUrl: string;
  readonly getToken: TokenProvider;
  readonly fetch?: FetchLike;
  /** Deadline for one call, all retries and pages included. Default 15 s. */
  readonly timeoutMs?: number;
  /** Retries after a 5xx or a network error. Default 2. */
  readonly maxRetries?: number;
  /** Backoff window of the first retry, doubled each time. Default 300 ms, capped at 3 s. */
  readonly backoffBaseMs?: number;
  /** A 429 whose Retry-After is at most this is waited out once. Default 10 s. */
  readonly maxThrottleWaitSeconds?: number;
  /** Pages followed through @odata.nextLink at most. Default 50. */
  readonly maxPages?: number;
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
    const deadline = AbortSignal.timeout(this.options.timeoutMs ?? 15000);
    const combined = signal ? AbortSignal.any([signal, deadline]) : deadline;
    const path = `api/Software/${encodeURIComponent(softwareId)}/getmissingkbs`;
    const kbs: MissingKb[] = [];
    const seen = new Set<string>();
    let url: string | undefined = new URL(path, this.base).toString();
    let skipped = 0;
    let pages = 0;
    let complete = true;
    const log = this.log.child({ softwareId });
    try {
      const token = await this.options.getToken();
      while (url) {
        seen.add(url);
        const body = await this.getWithRetries(url, token, softwareId, combined);
        const page = parseMissingKbsPage(body, softwareId);
        pages++;
        kbs.push(...page.kbs);
        skipped += page.skipped;
        url = page.nextLink ? this.nextPageUrl(page.nextLink, url, seen, pages, log) : undefined;
        if (page.nextLink && !url) complete = false;
      }
    } catch (err) {
      throw this.normalise(err, softwareId, deadline);
    }
    if (skipped > 0) log.warn('defender.items_skipped', { skipped });
    return { softwareId, kbs, skipped, pages, complete };
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

  /** One GET with retries for 5xx and network errors, and one wait for a short 429. */
  private async getWithRetries(url: string, token: string, softwareId: string, signal: AbortSignal): Promise<string> {
    const maxRetries = this.options.maxRetries ?? 2;
    const maxThrottleWait = this.options.maxThrottleWaitSeconds ?? 10;
    let retries = 0;
    let throttleWaited = false;
    for (;;) {
      const started = Date.now();
      let response: Response;
      try {
        response = await this.fetch(url, {
          method: 'GET',
          headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
          redirect: 'error',
          signal,
        });
      } catch (err) {
        if (signal.aborted || retries >= maxRetries) throw err;
        retries++;
        this.log.warn('defender.retry', { softwareId, reason: 'network', retry: retries });
        await sleep(this.backoff(retries), signal);
        continue;
      }
      const body = await readBodyText(response);
      this.log.debug('defender.response', { softwareId, status: response.status, ms: Date.now() - started });
      if (response.ok) return body;
      const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
      if (response.status === 429 && !throttleWaited && retryAfter !== undefined && retryAfter <= maxThrottleWait) {
        throttleWaited = true;
        this.log.warn('defender.throttled_wait', { softwareId, retryAfterSeconds: retryAfter });
        await sleep(retryAfter * 1000, signal);
        continue;
      }
      if (isTransientStatus(response.status) && retries < maxRetries) {
        retries++;
        this.log.warn('defender.retry', { softwareId, status: response.status, retry: retries });
        const wait = Math.max(this.backoff(retries), Math.min(retryAfter ?? 0, maxThrottleWait) * 1000);
        await sleep(wait, signal);
        continue;
      }
      throw errorForStatus(response.status, body, softwareId, retryAfter);
    }
  }

  private backoff(retry: number): number {
    const base = this.options.backoffBaseMs ?? 300;
    return backoffDelay(retry, base, Math.max(base, 3000));
  }

  /** Turns whatever escaped into an AppError: deadline, caller abort or network failure. */
  private normalise(err: unknown, softwareId: string, deadline: AbortSignal): AppError {
    if (isAppError(err)) {
      return err.details.softwareId
        ? err
        : new AppError(err.code, err.message, { ...err.details, softwareId }, { cause: err });
    }
    if (deadline.aborted) {
      return new AppError('timeout', 'Defender did not answer in time', { softwareId }, { cause: err });
    }
    const message = err instanceof Error ? err.message : String(err);
    return new AppError('upstream-failure', `Could not reach Defender: ${message}`, { softwareId }, { cause: err });
  }
}
