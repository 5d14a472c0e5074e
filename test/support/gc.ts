/** Forced garbage collections for tests, without `--expose-gc` on the command line: what a busy process does at any time, made to happen exactly when a test needs it (undici issue 4627 needs one after the headers of a response whose body is still arriving). */
import v8 from 'node:v8';
import vm from 'node:vm';
import type { FetchLike } from '../../src/defender/types';

v8.setFlagsFromString('--expose-gc');

/** Runs a full garbage collection now. */
const forceGc = vm.runInNewContext('gc') as () => void;

/** `fetch` that runs a garbage collection 50 ms after each request (those `when` picks, default all) starts and again after its headers arrive. */
export function gcDuringFetch({ when = () => true }: { when?: (url: string) => boolean } = {}): FetchLike {
  return async (input, init) => {
    if (!when(input)) return fetch(input, init);
    setTimeout(forceGc, 50).unref();
    const response = await fetch(input, init);
    setTimeout(forceGc, 50).unref();
    return response;
  };
}
