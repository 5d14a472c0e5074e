/** A bounded map that forgets the least recently used entry first and drops expired ones. */
import type { Measured, StructureStats } from './stats';

interface Entry<V> {
  readonly value: V;
  readonly expiresAt: number;
}

/** Bounded in memory: at most `maxEntries`, each until its own expiry. */
export class LruCache<K, V> implements Measured {
  private readonly entries = new Map<K, Entry<V>>();

  constructor(
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The live value for `key`, marked as recently used; undefined when absent or expired. */
  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expiresAt <= this.now()) return undefined;
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Stores `value` until `expiresAt` (ms since the epoch), evicting the oldest entry when full. */
  set(key: K, value: V, expiresAt: number): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }

  /** Removes and returns the live value for `key`. */
  take(key: K): V | undefined {
    const value = this.get(key);
    this.entries.delete(key);
    return value;
  }

  /** Forgets `key`. */
  delete(key: K): void {
    this.entries.delete(key);
  }

  /** Entries held against the bound (the soak bench reads it). */
  stats(): StructureStats {
    return { size: this.entries.size, bound: this.maxEntries };
  }

  /** Entries held, expired ones included until touched. */
  get size(): number {
    return this.entries.size;
  }
}
