/**
 * Retries as a wrapper around `fetch` (as msal-node's HttpClientWithRetries wraps its client): a network
 * failure or a transient 5xx is retried with exponential backoff and full jitter, a 429 with a short
 * Retry-After is waited out once. Each attempt's body is read here, under the request's signal
 * (readBodyText), so a connection dropped mid-body is retried too; the answer comes back buffered.
 */
import { isAppError } from '../errors';
import { silentLogger, type Logger } from '../log';
import { sleep } from '../time';
import { readBodyText } from './body';
import type { FetchLike } from './types';

/** IMF-fixdate and the obsolete RFC 850 form, as HTTP allows in Retry-After. */
const HTTP_DATE =
  /^(?:[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4}|[A-Za-z]{6,9}, \d{2}-[A-Za-z]{3}-\d{2}) \d{2}:\d{2}:\d{2} GMT$/;

/** Seconds to wait from a Retry-After header (delta-seconds or HTTP date); undefined if absent or bad. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text);
  // Date.parse is lenient ("-1", "1.5" parse as dates); accept only the HTTP-date forms.
  if (!HTTP_DATE.test(text)) return undefined;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

/** Backoff before retry `attempt` (1-based): full jitter over an exponential window, capped. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random = Math.random): number {
  const window = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
  return Math.round(window / 2 + (random() * window) / 2);
}

/** Whether a status is worth retrying with backoff. */
export function isTransientStatus(status: number): boolean {
  return status === 500 || status === 502 || status === 503 || status === 504;
}

/** Settings of withRetries; all optional. */
export interface RetryOptions {
  /** Retries after a 5xx or a network error. Default 2. */
  readonly maxRetries?: number;
  /** Backoff window of the first retry, doubled each time. Default 300 ms, capped at 3 s. */
  readonly backoffBaseMs?: number;
  /** A 429 whose Retry-After is at most this is waited out once. Default 10 s. */
  readonly maxThrottleWaitSeconds?: number;
  readonly logger?: Logger;
  /** Prefix of the log events `<events>.retry`, `<events>.throttled_wait`, `<events>.response`. Default 'http'. */
  readonly events?: string;
  /** Told every answer's status and time (telemetry). */
  readonly onResponse?: (status: number, ms: number) => void;
}

/** `fetch` with retries; gives the last answer (success or not) with its body read, or the last network error. */
export function withRetries(fetch: FetchLike, options: RetryOptions = {}): FetchLike {
  const { maxRetries = 2, maxThrottleWaitSeconds: maxThrottleWait = 10, events = 'http' } = options;
  const log = options.logger ?? silentLogger;
  const base = options.backoffBaseMs ?? 300;
  const backoff = (retry: number): number => backoffDelay(retry, base, Math.max(base, 3000));
  return async (input, init) => {
    const { deadlineAt = Infinity, logFields, maxBodyBytes, ...request } = init;
    const signal = request.signal ?? new AbortController().signal;
    let retries = 0;
    let throttleWaited = false;
    for (;;) {
      const started = Date.now();
      let response: Response;
      let body: string;
      try {
        response = await fetch(input, request);
        body = await readBodyText(response, signal, maxBodyBytes);
      } catch (err) {
        // A connection refused, reset or dropped mid-body is retried; a body over the cap is not.
        if (isAppError(err) || signal.aborted || retries >= maxRetries) throw err;
        retries++;
        log.warn(`${events}.retry`, { ...logFields, reason: 'network', retry: retries });
        await sleep(backoff(retries), signal);
        continue;
      }
      log.debug(`${events}.response`, { ...logFields, status: response.status, ms: Date.now() - started });
      options.onResponse?.(response.status, Date.now() - started);
      if (response.ok) return buffered(response, body);
      const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
      // A wait that would outlast the deadline is not started: the caller is told when to retry instead.
      const canWait =
        retryAfter !== undefined && retryAfter <= maxThrottleWait && retryAfter * 1000 < deadlineAt - Date.now();
      if (response.status === 429 && !throttleWaited && canWait) {
        throttleWaited = true;
        log.warn(`${events}.throttled_wait`, { ...logFields, retryAfterSeconds: retryAfter });
        await sleep((retryAfter ?? 0) * 1000, signal);
        continue;
      }
      if (isTransientStatus(response.status) && retries < maxRetries) {
        retries++;
        log.warn(`${events}.retry`, { ...logFields, status: response.status, retry: retries });
        await sleep(Math.max(backoff(retries), Math.min(retryAfter ?? 0, maxThrottleWait) * 1000), signal);
        continue;
      }
      return buffered(response, body);
    }
  };
}

/** The answer again, its body already read (statuses that carry no body keep none). */
function buffered(response: Response, body: string): Response {
  const noBody = response.status === 204 || response.status === 205 || response.status === 304;
  const { status, statusText, headers } = response;
  return new Response(noBody ? null : body, { status, statusText, headers });
}
