/** Remembers recent welcomes so one installation gets one welcome card, not one per event. */
import { LruCache } from '../cache/lru';
import { track } from '../cache/stats';

/**
 * Teams sends both `installationUpdate` (add) and `conversationUpdate` (bot added) for one
 * installation; keyed by conversation, the second within the window is ignored.
 */
export class WelcomeLedger {
  private readonly seen: LruCache<string, true>;

  constructor(
    private readonly windowMs = 10 * 60 * 1000,
    maxEntries = 10000,
    private readonly now: () => number = Date.now,
  ) {
    this.seen = track('welcome ledger', new LruCache(maxEntries, now));
  }

  /** True the first time a conversation is seen within the window; records it. */
  firstWelcome(conversationId: string): boolean {
    const key = conversationId.split(';')[0];
    if (this.seen.get(key)) return false;
    this.seen.set(key, true, this.now() + this.windowMs);
    return true;
  }
}
