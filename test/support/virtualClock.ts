/** A clock whose time moves only when a timer rings: each timer jumps time to its due moment at once. */
import type { Clock } from '../../src/time';

/** Virtual time for pacing tests: waits take no real time, and work between them takes no virtual time. */
export class VirtualClock implements Clock {
  constructor(private time = Date.parse('2026-12-01T08:00:00Z')) {}

  now(): number {
    return this.time;
  }

  setTimer(fn: () => void, ms: number): () => void {
    const due = this.time + ms;
    const timer = setImmediate(() => {
      this.time = Math.max(this.time, due);
      fn();
    });
    return () => clearImmediate(timer);
  }
}
