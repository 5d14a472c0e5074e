// Unit tests for src/auth/lru.ts: the bound, least-recently-used order, expiry on an injected clock, take and delete.
import assert from 'node:assert/strict';
import { LruCache } from '../../src/cache/lru';

describe('LruCache', () => {
  let now: number;
  const clock = (): number => now;
  const FAR = 1e15;
  beforeEach(() => {
    now = 1_000;
  });

  it('holds at most maxEntries, forgetting the oldest first', () => {
    const cache = new LruCache<string, number>(2, clock);
    cache.set('a', 1, FAR);
    cache.set('b', 2, FAR);
    cache.set('c', 3, FAR);
    assert.equal(cache.size, 2);
    assert.equal(cache.get('a'), undefined);
    assert.equal(cache.get('b'), 2);
    assert.equal(cache.get('c'), 3);
  });

  it('counts a get as a use, so the entry read last is kept', () => {
    const cache = new LruCache<string, number>(2, clock);
    cache.set('a', 1, FAR);
    cache.set('b', 2, FAR);
    assert.equal(cache.get('a'), 1);
    cache.set('c', 3, FAR);
    assert.equal(cache.get('b'), undefined);
    assert.equal(cache.get('a'), 1);
    assert.equal(cache.get('c'), 3);
  });

  it('counts setting an existing key as a use and replaces its value without growing', () => {
    const cache = new LruCache<string, number>(2, clock);
    cache.set('a', 1, FAR);
    cache.set('b', 2, FAR);
    cache.set('a', 10, FAR);
    assert.equal(cache.size, 2);
    cache.set('c', 3, FAR);
    assert.equal(cache.get('b'), undefined);
    assert.equal(cache.get('a'), 10);
  });

  it('gives nothing at or after the expiry of an entry, and drops it when read', () => {
    const cache = new LruCache<string, string>(10, clock);
    cache.set('k', 'v', 2_000);
    now = 1_999;
    assert.equal(cache.get('k'), 'v');
    now = 2_000;
    assert.equal(cache.get('k'), undefined);
    assert.equal(cache.size, 0);
    now = 1_000;
    assert.equal(cache.get('k'), undefined, 'gone for good once dropped');
  });

  it('keeps each entry until its own expiry', () => {
    const cache = new LruCache<string, string>(10, clock);
    cache.set('short', 's', 1_500);
    cache.set('long', 'l', 5_000);
    now = 3_000;
    assert.equal(cache.get('short'), undefined);
    assert.equal(cache.get('long'), 'l');
  });

  it('takes a value once', () => {
    const cache = new LruCache<string, string>(10, clock);
    cache.set('k', 'v', FAR);
    assert.equal(cache.take('k'), 'v');
    assert.equal(cache.take('k'), undefined);
    assert.equal(cache.get('k'), undefined);
    assert.equal(cache.size, 0);
  });

  it('takes nothing from an expired entry, and removes it', () => {
    const cache = new LruCache<string, string>(10, clock);
    cache.set('k', 'v', 1_500);
    now = 1_500;
    assert.equal(cache.take('k'), undefined);
    assert.equal(cache.size, 0);
  });

  it('deletes a key, and deleting an absent key is harmless', () => {
    const cache = new LruCache<string, string>(10, clock);
    cache.set('k', 'v', FAR);
    cache.delete('k');
    cache.delete('absent');
    assert.equal(cache.get('k'), undefined);
    assert.equal(cache.size, 0);
  });

  it('counts expired entries in size until they are touched or pushed out', () => {
    const cache = new LruCache<string, string>(2, clock);
    cache.set('old', 'o', 1_100);
    now = 2_000;
    assert.equal(cache.size, 1);
    cache.set('a', 'a', FAR);
    cache.set('b', 'b', FAR);
    assert.equal(cache.size, 2);
    assert.equal(cache.get('a'), 'a');
    assert.equal(cache.get('b'), 'b');
  });

  it('uses Date.now when no clock is given', () => {
    const cache = new LruCache<string, string>(1);
    cache.set('past', 'p', Date.now() - 1);
    assert.equal(cache.get('past'), undefined);
    cache.set('future', 'f', Date.now() + 60_000);
    assert.equal(cache.get('future'), 'f');
  });
});
