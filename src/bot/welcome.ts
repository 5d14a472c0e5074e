/** Remembers recent welcomes so one installation gets one welcome card, not one per event. */

/**
 * Teams sends both `installationUpdate` (add) and `conversationUpdate` (bot added) for one
 * installation; keyed by conversation, the second within the window is ignored.
 */
export class WelcomeLedger {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly windowMs = 10 * 60 * 1000,
    private readonly maxEntries = 10000,
    private readonly now: () => number = Date.now,
  ) {}

  /** True the first time a conversation is seen within the window; records it. */
  firstWelcome(conversationId: string): boolean {
    const key = conversationId.split(';')[0];
    const time = this.now();
    const last = this.seen.get(key);
    if (last !== undefined && time - last < this.windowMs) return false;
    this.seen.delete(key);
    this.seen.set(key, time);
    if (this.seen.size > this.maxEntries) {
      const oldest = this.seen.keys().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
    return true;
  }
}
