// Unit tests for src/defender/rateLimit.ts on a fake clock: per-tenant minute and hour budgets, the bounded queue, 429 pauses.
import assert from 'node:assert/strict';
import sinon from 'sinon';
import { TenantRateLimiter, type RateLimitOptions } from '../../src/defender/rateLimit';
import { type AppError, isAppError } from '../../src/errors';

const LIMITS: RateLimitOptions = { perMinute: 100, perHour: 1500, maxWaitMs: 5000, marginMs: 0 };
/** The fake clock's start: `burst` records when each call went, from it. */
const T0 = 1_700_000_000_000;
const HOUR = 3_600_000;

/** Starts `count` calls for a tenant (each done as soon as let through) and records when each went (ms after T0) or how it failed. */
function burst(limiter: TenantRateLimiter, tenant: string, count: number, signal?: AbortSignal) {
  const granted: number[] = [];
  const failures: unknown[] = [];
  const all = Array.from({ length: count }, () =>
    limiter.beforeCall(tenant, signal).then(
      (done) => {
        granted.push(Date.now() - T0);
        done();
      },
      (err: unknown) => void failures.push(err),
    ),
  );
  return { granted, failures, settled: Promise.all(all) };
}

describe('TenantRateLimiter', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => (clock = sinon.useFakeTimers({ now: T0 })));
  afterEach(() => sinon.restore());

  it('queues calls beyond the minute’s budget until it allows them, first come first served', async () => {
    const limiter = new TenantRateLimiter({ ...LIMITS, maxWaitMs: 30_000 });
    const first = burst(limiter, 't1', 100);
    await clock.tickAsync(59_000);
    const later = burst(limiter, 't1', 3);
    await clock.tickAsync(0);
    assert.deepEqual([later.granted.length, limiter.queued('t1')], [0, 3]);
    await clock.tickAsync(1000);
    await Promise.all([first.settled, later.settled]);
    assert.deepEqual(later.granted, [60_000, 60_000, 60_000]);
  });

  it('fails fast with throttled, saying when to retry, when the wait would exceed the bound', async () => {
    const limiter = new TenantRateLimiter(LIMITS);
    await burst(limiter, 't1', 100).settled;
    await clock.tickAsync(10_000);
    const over = burst(limiter, 't1', 1);
    await over.settled;
    const [err] = over.failures as AppError[];
    assert.deepEqual([err.code, err.details.retryAfterSeconds], ['throttled', 50]);
  });

  it('never lets more than 100 calls through in any minute, nor 1,500 in an hour, under steady demand', async () => {
    const limiter = new TenantRateLimiter({ ...LIMITS, maxWaitMs: 20_000 });
    const granted: number[] = [];
    let refused = 0;
    for (let second = 0; second < 2 * 3600; second++) {
      for (let i = 0; i < 3; i++) {
        limiter.beforeCall('t1').then(
          (done) => {
            granted.push(Date.now());
            done();
          },
          () => void refused++,
        );
      }
      await clock.tickAsync(1000);
    }
    await clock.tickAsync(30_000);
    const inWindow = (from: number, width: number): number =>
      granted.filter((t) => t >= from && t < from + width).length;
    assert.ok(Math.max(...granted.map((t) => inWindow(t, 60_000))) <= 100);
    assert.ok(Math.max(...granted.map((t) => inWindow(t, 3_600_000))) <= 1500);
    assert.ok(granted.length >= 2900, `only ${granted.length} calls in two hours`);
    assert.ok(refused > 0);
  });

  it('spreads a minute’s budget over the minute and the margin, for uneven network delays', async () => {
    const limiter = new TenantRateLimiter({ ...LIMITS, perMinute: 2, marginMs: 2000, maxWaitMs: 70_000 });
    const run = burst(limiter, 't1', 3);
    await clock.tickAsync(62_000);
    await run.settled;
    assert.deepEqual(run.granted, [0, 0, 62_000]);
  });

  it('counts a call in flight as happening now, and a finished one at its end', async () => {
    const limiter = new TenantRateLimiter({ ...LIMITS, perMinute: 1, maxWaitMs: 120_000 });
    const first = await limiter.beforeCall('t1');
    const next = burst(limiter, 't1', 1);
    await clock.tickAsync(30_000);
    first(); // Defender may have counted it only now
    await clock.tickAsync(60_000);
    await next.settled;
    assert.deepEqual(next.granted, [90_000]);
  });

  it('lets a tenant’s first 100 calls of a minute through at once, whatever another tenant did', async () => {
    const limiter = new TenantRateLimiter(LIMITS);
    await burst(limiter, 't1', 150).settled;
    const other = burst(limiter, 't2', 100);
    await other.settled;
    assert.equal(other.granted.length, 100);
  });

  it('bounds the queue: beyond maxQueued waiting calls, the next one is told to retry', async () => {
    const limiter = new TenantRateLimiter({ ...LIMITS, perMinute: 2, perHour: 100, maxWaitMs: HOUR, maxQueued: 3 });
    const run = burst(limiter, 't1', 6);
    await clock.tickAsync(0);
    assert.deepEqual([run.granted.length, limiter.queued('t1'), run.failures.length], [2, 3, 1]);
    await clock.tickAsync(120_000);
    await run.settled;
    assert.equal(run.granted.length, 5);
  });

  it('pauses a tenant after a 429 for its Retry-After; waiters that would wait too long are told when to retry', async () => {
    const limiter = new TenantRateLimiter({ ...LIMITS, maxWaitMs: 20_000 });
    limiter.pause('t1', 15);
    const waiting = burst(limiter, 't1', 2);
    await clock.tickAsync(14_999);
    assert.equal(waiting.granted.length, 0);
    limiter.pause('t1', 30);
    await waiting.settled;
    const told = (waiting.failures as AppError[]).map((e) => `${e.code} in ${e.details.retryAfterSeconds} s`);
    assert.deepEqual(told, ['throttled in 30 s', 'throttled in 30 s']);
    await clock.tickAsync(29_999);
    assert.equal(limiter.queued('t1'), 0);
    const after = burst(limiter, 't1', 1);
    await clock.tickAsync(1);
    await after.settled;
    assert.equal(after.granted.length, 1);
  });

  it('moves waiters back after a 429 when the pause is short enough to wait out', async () => {
    const limiter = new TenantRateLimiter({ ...LIMITS, maxWaitMs: 70_000 });
    await burst(limiter, 't1', 100).settled;
    const waiting = burst(limiter, 't1', 1);
    await clock.tickAsync(50_000);
    limiter.pause('t1', 15);
    await clock.tickAsync(15_000);
    await waiting.settled;
    assert.deepEqual(waiting.granted, [65_000]);
  });

  it('pauses a 429 without Retry-After for the default pause', async () => {
    const limiter = new TenantRateLimiter({ ...LIMITS, maxWaitMs: 10_000, defaultPauseSeconds: 7 });
    limiter.pause('t1', undefined);
    const run = burst(limiter, 't1', 1);
    await clock.tickAsync(6_999);
    assert.equal(run.granted.length, 0);
    await clock.tickAsync(1);
    await run.settled;
    assert.equal(run.granted.length, 1);
  });

  it('gives back the booked call when the caller gives up: the next one moves up', async () => {
    const limiter = new TenantRateLimiter({ ...LIMITS, perMinute: 1, perHour: 100, maxWaitMs: 120_000 });
    (await limiter.beforeCall('t1'))();
    const controller = new AbortController();
    const abandoned = burst(limiter, 't1', 1, controller.signal);
    const next = burst(limiter, 't1', 1);
    controller.abort(new Error('user left'));
    await abandoned.settled;
    assert.equal((abandoned.failures[0] as Error).message, 'user left');
    await clock.tickAsync(60_000);
    await next.settled;
    assert.deepEqual([next.granted.length, limiter.queued('t1')], [1, 0]);
  });

  it('refuses at once when the signal is already aborted', async () => {
    const limiter = new TenantRateLimiter(LIMITS);
    await assert.rejects(limiter.beforeCall('t1', AbortSignal.abort(new Error('gone'))), /gone/);
  });

  it('forgets tenants idle for an hour once a thousand are held (background share included), as its stats say', async () => {
    const limiter = new TenantRateLimiter(LIMITS);
    for (let i = 0; i < 1000; i++) (await limiter.beforeCall(`t${i}`, undefined, 'background'))();
    assert.deepEqual(limiter.stats(), { size: 1000, bound: 1000 });
    await clock.tickAsync(3_600_001);
    (await limiter.beforeCall('new', undefined, 'background'))();
    assert.deepEqual(limiter.stats(), { size: 1, bound: 1000 });
  });

  describe('background calls (alert polls, webhook)', () => {
    const isThrottled = (err: unknown): boolean => isAppError(err) && err.code === 'throttled';

    it('get at most half of the minute: users still have the other half at once', async () => {
      const limiter = new TenantRateLimiter({ ...LIMITS, perMinute: 10, maxWaitMs: 120_000 });
      for (let i = 0; i < 5; i++) (await limiter.beforeCall('t1', undefined, 'background'))();
      await assert.rejects(limiter.beforeCall('t1', undefined, 'background'), {
        code: 'throttled',
        details: { retryAfterSeconds: 60 },
      });
      const users = burst(limiter, 't1', 5);
      await clock.tickAsync(0);
      await users.settled;
      assert.deepEqual([users.granted.length, limiter.queued('t1')], [5, 0], 'the users’ half is untouched');
      await clock.tickAsync(60_000);
      (await limiter.beforeCall('t1', undefined, 'background'))();
    });

    it('get at most half of the hour, per tenant, waiting ones included', async () => {
      const limiter = new TenantRateLimiter({ ...LIMITS, perMinute: 100, perHour: 8, maxWaitMs: HOUR });
      for (let i = 0; i < 4; i++) (await limiter.beforeCall('t1', undefined, 'background'))();
      await assert.rejects(limiter.beforeCall('t1', undefined, 'background'), isThrottled);
      (await limiter.beforeCall('t2', undefined, 'background'))();
      await clock.tickAsync(3_600_001);
      (await limiter.beforeCall('t1', undefined, 'background'))();
    });

    it('give their place back when they give up', async () => {
      const limiter = new TenantRateLimiter({ ...LIMITS, perMinute: 2, perHour: 100, maxWaitMs: 120_000 });
      (await limiter.beforeCall('t1'))();
      (await limiter.beforeCall('t1'))();
      const controller = new AbortController();
      const waiting = limiter.beforeCall('t1', controller.signal, 'background');
      controller.abort(new Error('stop'));
      await assert.rejects(waiting, /stop/);
      await clock.tickAsync(60_000);
      (await limiter.beforeCall('t1', undefined, 'background'))();
    });
  });
});
