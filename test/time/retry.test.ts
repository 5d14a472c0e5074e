// Unit tests of src/defender/retry.ts: Retry-After parsing, jittered exponential backoff and abortable sleep.
import assert from 'node:assert/strict';
import sinon from 'sinon';
import { backoffDelay, parseRetryAfter, sleep } from '../../src/time/retry';

/** Whether a promise has settled yet (checked after the pending microtasks ran). */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  await Promise.resolve();
  await Promise.resolve();
  return done;
}

describe('defender/retry', () => {
  afterEach(() => {
    sinon.restore();
  });

  describe('parseRetryAfter', () => {
    it('refuses values that are neither delta-seconds nor an HTTP-date', () => {
      for (const value of ['-1', '1.5', 'tomorrow 3', '2025-01-01', 'soon']) {
        assert.equal(parseRetryAfter(value), undefined, value);
      }
      assert.equal(typeof parseRetryAfter('Sunday, 06-Nov-94 08:49:37 GMT'), 'number');
    });

    it('reads delta-seconds', () => {
      assert.equal(parseRetryAfter('30'), 30);
      assert.equal(parseRetryAfter('1'), 1);
      assert.equal(parseRetryAfter('0'), 0);
      assert.equal(parseRetryAfter('120'), 120);
    });

    it('tolerates surrounding whitespace', () => {
      assert.equal(parseRetryAfter(' 5 '), 5);
      assert.equal(parseRetryAfter('\t45\t'), 45);
    });

    it('gives undefined for a missing or empty header', () => {
      assert.equal(parseRetryAfter(null), undefined);
      assert.equal(parseRetryAfter(''), undefined);
      assert.equal(parseRetryAfter('   '), undefined);
    });

    it('gives undefined for garbage', () => {
      for (const garbage of ['soon', '5s', '1e3', '0x10', 'abc', '120 seconds', 'NaN', 'Infinity']) {
        assert.equal(parseRetryAfter(garbage), undefined, JSON.stringify(garbage));
      }
    });

    it('reads an HTTP-date (IMF-fixdate) relative to now', () => {
      const date = 'Wed, 21 Oct 2015 07:28:00 GMT';
      const at = Date.UTC(2015, 9, 21, 7, 28, 0);
      assert.equal(parseRetryAfter(date, at - 120_000), 120);
      assert.equal(parseRetryAfter(date, at - 1_000), 1);
      assert.equal(parseRetryAfter(date, at), 0);
    });

    it('rounds a fractional wait on an HTTP-date up to whole seconds', () => {
      const at = Date.UTC(2015, 9, 21, 7, 28, 0);
      assert.equal(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', at - 1_500), 2);
      assert.equal(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', at - 1), 1);
    });

    it('reads the obsolete RFC 850 date form', () => {
      const at = Date.UTC(2015, 9, 21, 7, 28, 0);
      assert.equal(parseRetryAfter('Wednesday, 21-Oct-15 07:28:00 GMT', at - 10_000), 10);
    });

    it('never gives a negative wait for an HTTP-date in the past', () => {
      const at = Date.UTC(2015, 9, 21, 7, 28, 0);
      assert.equal(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', at + 3_600_000), 0);
    });

    it('measures an HTTP-date from the real clock by default', () => {
      const inOneMinute = new Date(Date.now() + 60_000).toUTCString();
      const seconds = parseRetryAfter(inOneMinute);
      assert.ok(seconds !== undefined && seconds >= 58 && seconds <= 61, `got ${seconds}`);
    });
  });

  describe('backoffDelay', () => {
    it('doubles the window with each attempt', () => {
      const top = (): number => 1;
      assert.equal(backoffDelay(1, 300, 3000, top), 300);
      assert.equal(backoffDelay(2, 300, 3000, top), 600);
      assert.equal(backoffDelay(3, 300, 3000, top), 1200);
      assert.equal(backoffDelay(4, 300, 3000, top), 2400);
    });

    it('never waits less than half the window (random 0)', () => {
      const bottom = (): number => 0;
      assert.equal(backoffDelay(1, 300, 3000, bottom), 150);
      assert.equal(backoffDelay(2, 300, 3000, bottom), 300);
      assert.equal(backoffDelay(3, 300, 3000, bottom), 600);
    });

    it('spreads the wait linearly over the upper half of the window', () => {
      assert.equal(
        backoffDelay(1, 400, 3000, () => 0.5),
        300,
      );
      assert.equal(
        backoffDelay(2, 400, 3000, () => 0.25),
        500,
      );
    });

    it('caps the window at maxMs', () => {
      assert.equal(
        backoffDelay(5, 300, 3000, () => 1),
        3000,
      );
      assert.equal(
        backoffDelay(30, 300, 3000, () => 1),
        3000,
      );
      assert.equal(
        backoffDelay(30, 300, 3000, () => 0),
        1500,
      );
      assert.equal(
        backoffDelay(3, 1000, 1000, () => 0.999999),
        1000,
      );
    });

    it('stays within [window/2, window] for every attempt and random value', () => {
      for (const [base, max] of [
        [5, 3000],
        [300, 3000],
        [1000, 1500],
        [7, 7],
      ]) {
        for (let attempt = 1; attempt <= 12; attempt++) {
          const window = Math.min(max, base * 2 ** (attempt - 1));
          for (const r of [0, 0.001, 0.25, 0.5, 0.75, 0.999999]) {
            const delay = backoffDelay(attempt, base, max, () => r);
            assert.ok(Number.isInteger(delay), `integer delay, got ${delay}`);
            assert.ok(
              delay >= Math.floor(window / 2) && delay <= window,
              `attempt ${attempt} base ${base} max ${max} random ${r}: ${delay} outside [${window / 2}, ${window}]`,
            );
            assert.ok(delay <= max);
          }
        }
      }
    });

    it('uses Math.random when no random source is given', () => {
      const random = sinon.stub(Math, 'random').returns(0.5);
      assert.equal(backoffDelay(2, 200, 3000), 300);
      sinon.assert.calledOnce(random);
    });
  });

  describe('sleep', () => {
    it('resolves after the given time and not before', async () => {
      const clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      const slept = sleep(1000);
      await clock.tickAsync(999);
      assert.equal(await settled(slept), false);
      await clock.tickAsync(1);
      assert.equal(await settled(slept), true);
      await slept;
    });

    it('resolves for real with a short wait', async () => {
      const started = Date.now();
      await sleep(20);
      assert.ok(Date.now() - started >= 15);
    });

    it('resolves with a signal that never aborts, and stops listening to it', async () => {
      const controller = new AbortController();
      const remove = sinon.spy(controller.signal, 'removeEventListener');
      await sleep(5, controller.signal);
      sinon.assert.calledOnceWithMatch(remove, 'abort');
    });

    it('rejects with the signal reason when aborted during the wait, and clears its timer', async () => {
      const clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      const controller = new AbortController();
      const slept = sleep(60_000, controller.signal);
      await clock.tickAsync(100);
      assert.equal(clock.countTimers(), 1);
      const reason = new Error('caller gave up');
      controller.abort(reason);
      await assert.rejects(slept, (err) => err === reason);
      assert.equal(clock.countTimers(), 0);
    });

    it('rejects at once when the signal is already aborted', async () => {
      const clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      const reason = new Error('already gone');
      await assert.rejects(sleep(60_000, AbortSignal.abort(reason)), (err) => err === reason);
      assert.equal(clock.countTimers(), 0);
    });

    it('rejects with the AbortError of a plain abort()', async () => {
      const controller = new AbortController();
      const slept = sleep(60_000, controller.signal);
      controller.abort();
      await assert.rejects(slept, { name: 'AbortError' });
    });

    it('rejects with an Error even when the abort reason is not one', async () => {
      const controller = new AbortController();
      const slept = sleep(60_000, controller.signal);
      controller.abort('just a string');
      await assert.rejects(slept, (err) => err instanceof Error && err.message === 'aborted');
      await assert.rejects(
        sleep(10, AbortSignal.abort(42)),
        (err) => err instanceof Error && err.message === 'aborted',
      );
    });

    it('rejects when a timeout signal fires first', async () => {
      const started = Date.now();
      await assert.rejects(sleep(5_000, AbortSignal.timeout(20)), { name: 'TimeoutError' });
      assert.ok(Date.now() - started < 1000);
    });
  });
});
