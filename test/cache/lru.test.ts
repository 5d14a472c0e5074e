// src/cache/lru.ts: the bound, least-recently-used order, expiry on an injected clock, take and delete. Expiry
// on Date.now, the default clock: a user's suggestion list expiring in test/browse/suggest.test.ts.
import assert from 'node:assert/strict';
import { LruCache } from '../../src/cache/lru';

describe('LruCache', () => {
  let now: number;
  const FAR = 1e15;
  /** A cache of `max` entries on the test clock holding `keys` in order (each its own value, none expiring). */
  const cacheOf = (max: number, ...keys: string[]): LruCache<string, string> => {
    const cache = new LruCache<string, string>(max, () => now);
    for (const key of keys) cache.set(key, key, FAR);
    return cache;
  };
  const values = (cache: LruCache<string, string>, ...keys: string[]): (string | undefined)[] =>
    keys.map((key) => cache.get(key));
  beforeEach(() => {
    now = 1_000;
  });

  it('holds at most maxEntries, forgetting the least recently used first (a get or a set is a use)', () => {
    const cache = cacheOf(2, 'a', 'b', 'c');
    assert.equal(cache.size, 2);
    assert.deepEqual(values(cache, 'a', 'b', 'c'), [undefined, 'b', 'c']);
    const read = cacheOf(2, 'a', 'b');
    read.get('a');
    read.set('c', 'c', FAR);
    assert.deepEqual(values(read, 'a', 'b', 'c'), ['a', undefined, 'c']);
    const reset = cacheOf(2, 'a', 'b');
    reset.set('a', 'A', FAR);
    assert.equal(reset.size, 2, 'a new value for a key does not grow the cache');
    reset.set('c', 'c', FAR);
    assert.deepEqual(values(reset, 'a', 'b'), ['A', undefined]);
  });

  it('gives nothing at or after the expiry of each entry, and drops it when read', () => {
    const cache = cacheOf(10);
    cache.set('k', 'v', 2_000);
    cache.set('long', 'l', 5_000);
    now = 1_999;
    assert.equal(cache.get('k'), 'v');
    now = 2_000;
    assert.deepEqual(values(cache, 'k', 'long'), [undefined, 'l']);
    assert.equal(cache.size, 1);
    now = 1_000;
    assert.equal(cache.get('k'), undefined, 'gone for good once dropped');
  });

  it('takes a value once, and nothing from an expired entry, removing both; deletes a key, absent or not', () => {
    const cache = cacheOf(10, 'k');
    cache.set('old', 'o', 1_500);
    assert.equal(cache.take('k'), 'k');
    assert.equal(cache.take('k'), undefined);
    now = 1_500;
    assert.equal(cache.take('old'), undefined);
    assert.equal(cache.size, 0);
    cache.set('k', 'k', FAR);
    cache.delete('k');
    cache.delete('absent');
    assert.deepEqual([cache.get('k'), cache.size], [undefined, 0]);
  });

  it('counts expired entries in size until they are touched or pushed out', () => {
    const cache = cacheOf(2);
    cache.set('old', 'o', 1_100);
    now = 2_000;
    assert.equal(cache.size, 1);
    cache.set('a', 'a', FAR);
    cache.set('b', 'b', FAR);
    assert.equal(cache.size, 2);
    assert.deepEqual(values(cache, 'a', 'b'), ['a', 'b']);
  });
});
