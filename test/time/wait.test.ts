// src/time/wait.ts: sleep and untilAborted under an abort signal, and abortReason.
import assert from 'node:assert/strict';
import sinon from 'sinon';
import { sleep, untilAborted } from '../../src/time';

describe('time/wait', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => (clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })));
  afterEach(() => sinon.restore());

  describe('sleep', () => {
    it('resolves after the given time and not before, and stops listening to the signal', async () => {
      const controller = new AbortController();
      const remove = sinon.spy(controller.signal, 'removeEventListener');
      let done = false;
      const slept = sleep(1000, controller.signal).then(() => (done = true));
      await clock.tickAsync(999);
      assert.equal(done, false);
      await clock.tickAsync(1);
      await slept;
      sinon.assert.calledOnceWithMatch(remove, 'abort');
    });

    it('rejects with the signal reason when aborted during the wait, and clears its timer', async () => {
      const controller = new AbortController();
      const slept = sleep(60_000, controller.signal);
      await clock.tickAsync(100);
      const reason = new Error('caller gave up');
      controller.abort(reason);
      await assert.rejects(slept, (err) => err === reason);
      assert.equal(clock.countTimers(), 0);
    });

    it('rejects at once when the signal is already aborted; a reason that is no Error becomes one', async () => {
      const reason = new Error('already gone');
      await assert.rejects(sleep(60_000, AbortSignal.abort(reason)), (err) => err === reason);
      await assert.rejects(sleep(10, AbortSignal.abort(42)), { message: 'aborted' });
      const controller = new AbortController();
      const slept = sleep(60_000, controller.signal);
      controller.abort('just a string');
      await assert.rejects(slept, (err) => err instanceof Error && err.message === 'aborted');
      assert.equal(clock.countTimers(), 0);
    });
  });

  describe('untilAborted', () => {
    it('settles like the promise and stops listening to the signal', async () => {
      const controller = new AbortController();
      const remove = sinon.spy(controller.signal, 'removeEventListener');
      assert.equal(await untilAborted(Promise.resolve(7), controller.signal), 7);
      await assert.rejects(untilAborted(Promise.reject(new Error('no')), controller.signal), /no/);
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- what a careless provider does
      await assert.rejects(untilAborted(Promise.reject('text'), controller.signal), { message: 'text' });
      sinon.assert.calledThrice(remove);
    });

    it('rejects with the reason as soon as the signal aborts, or at once if it already has', async () => {
      const controller = new AbortController();
      const waiting = untilAborted(new Promise(() => undefined), controller.signal);
      controller.abort(new Error('deadline'));
      await assert.rejects(waiting, /deadline/);
      await assert.rejects(untilAborted(Promise.resolve(1), AbortSignal.abort(new Error('gone'))), /gone/);
    });
  });
});
