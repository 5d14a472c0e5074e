/**
 * The codes the sign-in page hands Teams when a sign-in worked (TeamsJS `authentication.notifySuccess`).
 * Teams brings the code back in `signin/verifyState` or in a retried `adaptiveCard/action` (`state`):
 * it names the flow that finished, and only for the user who signed in.
 */
import { randomBytes } from 'node:crypto';
import { LruCache } from '../cache/lru';
import { track } from '../cache/stats';
import type { UserRef } from './types';
import { userKey } from './userKey';

interface Completion {
  readonly userKey: string;
  readonly flowId: string;
}

/** How long Teams has to bring a code back. */
const CODE_TTL_MS = 10 * 60_000;

/** Issues and checks completion codes; bounded, each until it expires. */
export class CompletionCodes {
  private readonly codes: LruCache<string, Completion>;

  constructor(maxCodes: number) {
    this.codes = track('sign-in completion codes', new LruCache(maxCodes));
  }

  /** A new code for `user`, who just finished the sign-in of `flowId`. */
  issue(user: UserRef, flowId: string): string {
    const code = randomBytes(24).toString('base64url');
    this.codes.set(code, { userKey: userKey(user), flowId }, Date.now() + CODE_TTL_MS);
    return code;
  }

  /** The flow a code names, when `code` is live and was issued to `user`; else undefined. */
  flowOf(code: unknown, user: UserRef): string | undefined {
    if (typeof code !== 'string' || code.length > 100) return undefined;
    const completion = this.codes.get(code);
    return completion?.userKey === userKey(user) ? completion.flowId : undefined;
  }
}
