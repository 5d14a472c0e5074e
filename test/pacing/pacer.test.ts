/** Unit tests for src/pacing/pacer.ts on a fake clock: every window holds, in flight and done count, memory stays bounded. */
import assert from 'node:assert/strict';
import sinon from 'sinon';
import { Pacer, PacingWaitTooLong, type PacerLimits, type SendDone } from '../../src/pacing/pacer';
import { sendKeys, TEAMS_SEND_LIMITS } from '../../src/pacing/teams';
import { DOCUMENTED_LIMITS } from '../support/fakeConnector/sendLimits';

const LIMITS = TEAMS_SEND_LIMITS;
const T1 = sendKeys('19:a@thread.tacv2', 'tenant-1');

/** Starts `count` sends under `keys` (each done at once) and records when each went. */
function sends(pacer: Pacer<'thread' | 'tenant'>, keys: typeof T1, count: number) {
  const times: number[] = [];
  const all = Array.from({ length: count }, async () => {
    const done = await pacer.acquire(keys);
    times.push(Date.now());
    done();
  });
  return { times, settled: Promise.all(all) };
}

/** The most sends that fall in any window of `ms` (windows start at each send). */
function busiest(times: number[], ms: number): number {
  return Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + ms).length));
}

describe('Pacer', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => (clock = sinon.useFakeTimers({ now: 1_700_000_000_000 })));
  afterEach(() => sinon.restore());

  it('keeps Teams’ documented limits', () => {
    assert.deepEqual(TEAMS_SEND_LIMITS, {
      thread: DOCUMENTED_LIMITS.perThread,
      tenant: DOCUMENTED_LIMITS.perApp,
    });
  });

  it('spreads a burst in one thread over 7 per 1 s, 8 per 2 s and 60 per 30 s', async () => {
    const start = Date.now();
    const run = sends(new Pacer(LIMITS), T1, 130);
    await clock.tickAsync(120_000);
    await run.settled;
    assert.equal(run.times.length, 130);
    assert.equal(run.times.filter((t) => t === start).length, 7, 'the first 7 go at once');
    assert.equal(busiest(run.times, 1000), 7);
    assert.equal(busiest(run.times, 2000), 8);
    assert.equal(busiest(run.times, 30_000), 60);
    assert.equal(run.times[60] - run.times[0], 30_000, 'the 61st waits for the first to leave the 30 s window');
  });

  it('holds 30 per second across the threads of one tenant, and not across tenants', async () => {
    const pacer = new Pacer(LIMITS);
    const runs = Array.from({ length: 10 }, (_, i) => sends(pacer, sendKeys(`thread-${i}`, 'tenant-1'), 5));
    const other = sends(pacer, sendKeys('thread-x', 'TENANT-2'), 5);
    await clock.tickAsync(5000);
    await Promise.all([...runs, other].map((r) => r.settled));
    const tenantTimes = runs.flatMap((r) => r.times);
    assert.equal(busiest(tenantTimes, 1000), 30);
    assert.equal(tenantTimes.filter((t) => t === 1_700_000_000_000).length, 30);
    assert.equal(other.times.filter((t) => t === 1_700_000_000_000).length, 5, 'another tenant has its own budget');
  });

  it('counts a send in flight as now and a finished one at its end', async () => {
    const pacer = new Pacer({ thread: [{ limit: 1, ms: 1000 }], tenant: [] });
    const done = await pacer.acquire(T1);
    await clock.tickAsync(5000);
    assert.equal(pacer.delay(T1), 1000, 'in flight for 5 s, still counts as now');
    done();
    await clock.tickAsync(400);
    assert.equal(pacer.delay(T1), 600);
  });

  it('rejects a wait beyond maxWaitMs with how long it would be, or lets it go with overflow "go"', async () => {
    const pacer = new Pacer({ thread: [{ limit: 1, ms: 30_000 }], tenant: [] });
    (await pacer.acquire(T1))();
    const err = await pacer.acquire(T1, { maxWaitMs: 10_000 }).catch((e: unknown) => e);
    assert.ok(err instanceof PacingWaitTooLong);
    assert.equal(err.waitMs, 30_000);
    const went = await pacer.acquire(T1, { maxWaitMs: 10_000, overflow: 'go' });
    went();
    assert.equal(pacer.delay(T1), 30_000, 'the overflowing send counted');
  });

  it('stops waiting when the signal aborts', async () => {
    const pacer = new Pacer({ thread: [{ limit: 1, ms: 60_000 }], tenant: [] });
    (await pacer.acquire(T1))();
    const controller = new AbortController();
    const waiting = pacer.acquire(T1, { signal: controller.signal }).catch((e: unknown) => e);
    await clock.tickAsync(1000);
    controller.abort(new Error('shutdown'));
    assert.equal(((await waiting) as Error).message, 'shutdown');
    assert.equal(pacer.delay(T1), 59_000, 'the aborted send took no slot');
  });

  it('keeps at most maxKeys keys a scope (least recently used out first); an idle key starts afresh', async () => {
    const limits: PacerLimits<'thread' | 'tenant'> = { thread: [{ limit: 2, ms: 1000 }], tenant: [] };
    const pacer = new Pacer(limits, { maxKeys: 100 });
    const held: SendDone[] = [];
    for (let i = 0; i < 250; i++) held.push(await pacer.acquire(sendKeys(`t-${i}`, 'tenant-1')));
    assert.equal(pacer.size('thread'), 100);
    held.forEach((done) => done());
    await clock.tickAsync(1001);
    (await pacer.acquire(sendKeys('t-new', 'tenant-1')))();
    assert.equal(pacer.delay(sendKeys('t-249', 'tenant-1')), 0, 'an idle key starts afresh');
    assert.equal(pacer.size('thread'), 100);
  });
});
