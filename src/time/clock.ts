/** The time source of the rate limiter and the send pacer. */

/** Time as the limiter sees it; tests use fake timers, the benchmark a compressed clock. */
export interface Clock {
  now(): number;
  /** Runs `fn` after `ms`; returns how to cancel it. */
  setTimer(fn: () => void, ms: number): () => void;
}

/** The wall clock. */
export const realClock: Clock = {
  now: () => Date.now(),
  setTimer: (fn, ms) => {
    const timer = setTimeout(fn, ms);
    return () => clearTimeout(timer);
  },
};
