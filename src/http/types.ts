/** The `fetch` the HTTP wrappers take and give, and what a caller may tell them besides the request. */

/** A request's settings, plus what the wrappers read (they never pass these on). */
export interface HttpInit extends RequestInit {
  /** Epoch ms of the caller's deadline: a Retry-After wait that would end after it is not started. */
  readonly deadlineAt?: number;
  /** Fields added to the wrappers' log events (e.g. the software id). */
  readonly logFields?: Record<string, unknown>;
  /** Most bytes the answer's body may have (default MAX_BODY_BYTES); past it, `bad-response`. */
  readonly maxBodyBytes?: number;
}

/** The subset of `fetch` the clients need; injectable for tests and the demo tenant. */
export type FetchLike = (input: string, init: HttpInit) => Promise<Response>;
