/**
 * Deadlines and timeouts. deadlineSignal: a lookup's deadline joined with the caller's signal. Unlike AbortSignal.any with AbortSignal.timeout,
 * it leaves nothing behind once disposed: AbortSignal.any keeps every joined signal registered on a
 * long-lived source (the bot's shutdown signal) and cost ~5x the time per call (see `npm run bench`).
 */
import { AppError } from '../errors';

/** The joined signal, whether the deadline is what fired, and how to release the timer and listener. */
export interface Deadline {
  readonly signal: AbortSignal;
  /** True once the deadline (not the caller) aborted the signal. */
  expired(): boolean;
  /** Clears the timer and stops listening to the caller's signal; call when the work is over. */
  dispose(): void;
}

/** A signal that aborts after `ms` (with a TimeoutError, as AbortSignal.timeout does) or when `caller` aborts. */
export function deadlineSignal(ms: number, caller?: AbortSignal): Deadline {
  const controller = new AbortController();
  let expired = false;
  const timer = setTimeout(() => {
    expired = true;
    controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
  }, ms);
  const onAbort = (): void => controller.abort(caller?.reason);
  if (caller?.aborted) onAbort();
  else caller?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    expired: () => expired,
    dispose: () => {
      clearTimeout(timer);
      caller?.removeEventListener('abort', onAbort);
    },
  };
}

/** Settles like `promise`, or rejects with AppError('timeout') naming `what` after `ms` milliseconds (msal-node sets no timeout of its own). */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AppError('timeout', `${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
