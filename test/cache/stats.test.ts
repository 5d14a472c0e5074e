import assert from 'node:assert/strict';
import { LruCache } from '../../src/cache/lru';
import { InFlight } from '../../src/commands/coalesce';
import { recordStructures, structureStats, track } from '../../src/cache/stats';

describe('stats (the soak bench seam)', () => {
  it('records nothing until turned on, then adds up each name’s sizes and bounds', async () => {
    // Before recording is on (as in production), tracking holds nothing.
    const before = track('stats-test before', new LruCache<string, number>(5));
    assert.equal(structureStats()['stats-test before'], undefined);
    recordStructures();
    const a = track('stats-test lru', new LruCache<string, number>(3));
    const b = track('stats-test lru', new LruCache<string, number>(4));
    for (const key of ['1', '2', '3', '4', '5']) {
      a.set(key, 1, Date.now() + 60_000);
      b.set(key, 1, Date.now() + 60_000);
    }
    assert.deepEqual(structureStats()['stats-test lru'], { size: 7, bound: 7 });
    // An in-flight map has no fixed bound: an entry lives while its call runs.
    const inFlight = track('stats-test in flight', new InFlight<number>());
    let finish = (): void => undefined;
    const running = inFlight.run('k', () => new Promise<number>((resolve) => (finish = () => resolve(1))));
    assert.deepEqual(structureStats()['stats-test in flight'], { size: 1, bound: undefined });
    finish();
    await running;
    assert.deepEqual(structureStats()['stats-test in flight'], { size: 0, bound: undefined });
    assert.equal(before.stats().bound, 5);
  });
});
