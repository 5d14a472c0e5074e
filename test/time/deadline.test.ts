// src/time/deadline.ts: a deadline joined with the caller's signal, released when disposed; withTimeout.
import assert from 'node:assert/strict';
import sinon from 'sinon';
import { deadlineSignal, withTimeout } from '../../src/time';

describe('time/deadline', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => (clock = sinon.useFakeTimers()));
  afterEach(() => sinon.restore());

  describe('deadlineSignal', () => {
    it('aborts with a TimeoutError when the deadline passes, and says it expired', () => {
      const deadline = deadlineSignal(1000);
      clock.tick(999);
      assert.equal(deadline.signal.aborted, false);
      clock.tick(1);
      assert.equal((deadline.signal.reason as Error).name, 'TimeoutError');
      assert.equal(deadline.expired(), true);
    });

    it('aborts with the caller’s reason when the caller aborts first (or already had); the deadline did not expire', () => {
      const caller = new AbortController();
      const deadline = deadlineSignal(1000, caller.signal);
      caller.abort(new Error('shutting down'));
      assert.equal((deadline.signal.reason as Error).message, 'shutting down');
      assert.equal(deadline.expired(), false);
      assert.equal(deadlineSignal(1000, AbortSignal.abort(new Error('gone'))).signal.aborted, true);
    });

    it('leaves no timer and no listener behind once disposed', () => {
      const caller = new AbortController();
      const deadline = deadlineSignal(1000, caller.signal);
      deadline.dispose();
      assert.equal(clock.countTimers(), 0);
      caller.abort(new Error('later'));
      assert.equal(deadline.signal.aborted, false);
    });
  });

  describe('withTimeout', () => {
    it('settles like the promise in time, or rejects with AppError timeout naming what did not answer', async () => {
      assert.equal(await withTimeout(Promise.resolve('ok'), 1000, 'Entra'), 'ok');
      await assert.rejects(withTimeout(Promise.reject(new Error('refused')), 1000, 'Entra'), /refused/);
      assert.equal(clock.countTimers(), 0);
      const late = withTimeout(new Promise(() => undefined), 1000, 'Entra ID');
      clock.tick(1000);
      await assert.rejects(late, { code: 'timeout', message: /Entra ID.*1000 ms/ });
    });
  });
});
