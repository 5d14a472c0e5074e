/** HTTP load with autocannon (used programmatically), and the few statistics the bench reports. */
import autocannon from 'autocannon';

/** One load run: a fixed number of requests, or a duration, at a concurrency. */
export interface LoadRun {
  readonly url: string;
  readonly connections: number;
  readonly amount?: number;
  readonly durationSeconds?: number;
  readonly method?: 'GET' | 'POST';
  /** Builds each request (body, headers) when the default POST with no body is not enough. */
  readonly setupRequest?: (request: {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
  }) => object;
}

/** What a run measured, latency in milliseconds. */
export interface LoadResult {
  readonly completed: number;
  readonly errors: number;
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly seconds: number;
}

/** Runs autocannon and summarises: 2xx answers, non-2xx and errors, rate, p50/p99. */
export async function load(run: LoadRun): Promise<LoadResult> {
  const result = await autocannon({
    url: run.url,
    // autocannon refuses more connections than requests (tiny runs).
    connections: Math.min(run.connections, run.amount ?? run.connections),
    method: run.method ?? 'POST',
    // autocannon notices the last request only at its next sample: every 100 ms, not every second, for a fixed amount.
    ...(run.amount !== undefined ? { amount: run.amount, sampleInt: 100 } : { duration: run.durationSeconds ?? 2 }),
    timeout: 30,
    // A dynamic request is set up per request (autocannon reads setupRequest from `requests` only).
    ...(run.setupRequest
      ? { requests: [{ method: run.method ?? 'POST', setupRequest: run.setupRequest as never }] }
      : {}),
  });
  const completed = result['2xx'];
  return {
    completed,
    errors: result.errors + result.timeouts + result.non2xx,
    perSecond: completed / (result.duration || 1),
    p50: result.latency.p50,
    p99: result.latency.p99,
    seconds: result.duration,
  };
}

/** The median of numbers (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Rounds for display: 3 significant digits at most. */
export function round(value: number): number {
  if (!Number.isFinite(value) || value === 0) return value;
  const digits = Math.max(0, 2 - Math.floor(Math.log10(Math.abs(value))));
  return Number(value.toFixed(digits));
}
