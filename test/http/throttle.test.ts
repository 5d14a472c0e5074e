// src/http/throttle.ts: withThrottle, alone with a fake gate and with the Defender limiter's gate on a fake clock.
import assert from 'node:assert/strict';
import sinon from 'sinon';
import { TenantRateLimiter } from '../../src/defender/rateLimit';
import { isAppError } from '../../src/errors';
import { withThrottle, type Gate } from '../../src/http/throttle';

describe('http/throttle', () => {
  afterEach(() => sinon.restore());

  it('asks the gate with the request’s signal, says when the call is done (failed or not), and pauses only on a 429', async () => {
    const done = sinon.spy();
    const gate = { beforeCall: sinon.stub<[AbortSignal?], Promise<() => void>>().resolves(done), pause: sinon.spy() };
    const answers = [
      new Response('', { status: 429, headers: { 'retry-after': '7' } }),
      new Response('', { status: 429 }),
    ];
    const fetch = sinon.stub().callsFake(() => {
      const next = answers.shift();
      return next ? Promise.resolve(next) : Promise.reject(new TypeError('fetch failed'));
    });
    const throttled = withThrottle(fetch, gate satisfies Gate);
    const signal = new AbortController().signal;
    assert.equal((await throttled('https://x.test/a', { signal })).status, 429);
    assert.equal((await throttled('https://x.test/a', {})).status, 429);
    await assert.rejects(throttled('https://x.test/a', {}), /fetch failed/);
    assert.deepEqual(gate.beforeCall.args, [[signal], [undefined], [undefined]]);
    assert.deepEqual(gate.pause.args, [[7], [undefined]]);
    sinon.assert.calledThrice(done);
  });

  it('sends nothing when the gate refuses', async () => {
    const fetch = sinon.stub();
    const gate: Gate = { beforeCall: () => Promise.reject(new Error('throttled')), pause: () => undefined };
    await assert.rejects(withThrottle(fetch, gate)('https://x.test/a', {}), /throttled/);
    sinon.assert.notCalled(fetch);
  });

  it('with a tenant’s gate of the Defender limiter: a 429 with Retry-After pauses that tenant’s budget', async () => {
    const clock = sinon.useFakeTimers({ now: 1_700_000_000_000 });
    const limiter = new TenantRateLimiter({ perMinute: 100, perHour: 1500, maxWaitMs: 2000, marginMs: 0 });
    let status = 429;
    const fetch = withThrottle(
      () => Promise.resolve(new Response('{}', { status, headers: { 'retry-after': '120' } })),
      limiter.gate('t1'),
    );
    assert.equal((await fetch('https://api.example/x', {})).status, 429);
    status = 200;
    await assert.rejects(fetch('https://api.example/x', {}), (err) => {
      assert.ok(isAppError(err) && err.code === 'throttled');
      assert.equal(err.details.retryAfterSeconds, 120);
      return true;
    });
    await clock.tickAsync(120_000);
    assert.equal((await fetch('https://api.example/x', {})).status, 200);
  });
});
