/**
 * Forced garbage collections for tests, without `--expose-gc` on the command line: what a busy process
 * does at any time, made to happen exactly when a test needs it (undici issue 4627 needs one after
 * the headers of a response whose body is still arriving).
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import type { FetchLike } from '../../src/defender/types';

v8.setFlagsFromString('--expose-gc');

/** Runs a full garbage collection now. */
export const forceGc = vm.runInNewContext('gc') as () => void;

/** `fetch` that runs a garbage collection `afterMs` after each response's headers arrive. */
export function gcAfterHeaders(
  fetch: FetchLike = (input, init) => globalThis.fetch(input, init),
  afterMs = 50,
): FetchLike {
  return async (input, init) => {
    const response = await fetch(input, init);
    setTimeout(forceGc, afterMs).unref();
    return response;
  };
}
