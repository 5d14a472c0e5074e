/** Throttling as a wrapper around `fetch`: each request waits for a gate's permission; a 429 pauses the gate. */
import { parseRetryAfter } from './retry';
import type { FetchLike } from './types';

/** Permission to send (e.g. one tenant's share of the Defender rate limiter, src/defender/rateLimit.ts). */
export interface Gate {
  /** Resolves when a call may go, with what to call once it is done; rejects (e.g. `throttled`) or on abort. */
  beforeCall(signal?: AbortSignal): Promise<() => void>;
  /** The server answered 429: no call before `seconds` have passed (undefined: no usable Retry-After). */
  pause(seconds: number | undefined): void;
}

/** `fetch` whose every request waits for the gate, tells it when the request is done, and pauses it on a 429. */
export function withThrottle(fetch: FetchLike, gate: Gate): FetchLike {
  return async (input, init) => {
    const done = await gate.beforeCall(init.signal ?? undefined);
    let response: Response | undefined;
    try {
      response = await fetch(input, init);
      return response;
    } finally {
      done();
      if (response?.status === 429) gate.pause(parseRetryAfter(response.headers.get('retry-after')));
    }
  };
}
