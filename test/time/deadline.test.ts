// Unit tests for src/defender/deadline.ts: a deadline joined with the caller's signal, released when disposed.
import assert from 'node:assert/strict';
import sinon from 'sinon';
import { deadlineSignal } from '../../src/time/deadline';

describe('deadlineSignal', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => (clock = sinon.useFakeTimers()));
  afterEach(() => sinon.restore());

  it('aborts with a TimeoutError when the deadline passes, and says it expired', () => {
    const deadline = deadlineSignal(1000);
    clock.tick(999);
    assert.equal(deadline.signal.aborted, false);
    clock.tick(1);
    assert.equal(deadline.signal.aborted, true);
    assert.equal((deadline.signal.reason as Error).name, 'TimeoutError');
    assert.equal(deadline.expired(), true);
  });

  it('aborts with the caller’s reason when the caller aborts first; the deadline did not expire', () => {
    const caller = new AbortController();
    const deadline = deadlineSignal(1000, caller.signal);
    caller.abort(new Error('shutting down'));
    assert.equal((deadline.signal.reason as Error).message, 'shutting down');
    assert.equal(deadline.expired(), false);
  });

  it('is aborted at once when the caller already was', () => {
    const deadline = deadlineSignal(1000, AbortSignal.abort(new Error('gone')));
    assert.equal(deadline.signal.aborted, true);
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
