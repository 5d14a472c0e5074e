/** Wrappers around `fetch`: retries (with Retry-After and backoff), throttling through a gate, bodies read under the signal. */
export { backoffDelay, isTransientStatus, parseRetryAfter, withRetries, type RetryOptions } from './retry';
export { withThrottle, type Gate } from './throttle';
export { MAX_BODY_BYTES, readBodyText } from './body';
export type { FetchLike, HttpInit } from './types';
