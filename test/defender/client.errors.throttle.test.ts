// DefenderClient over HTTP, errors: 429 Too Many Requests and Retry-After.
import assert from 'node:assert/strict';
import { useClientFixture, kbItem } from '../support/defenderClient';
import { failure } from '../support/errors';
import { odata, odataError } from '../support/fakeDefender';
import { fixture } from '../support/fixtures';
import { recordSignals } from '../support/signals';

describe('DefenderClient over HTTP (FakeDefender on 127.0.0.1)', () => {
  const fx = useClientFixture();

  describe('errors', () => {
    const ID = 'contoso-_-app';

    it('waits out a 429 with a short Retry-After once, then succeeds', async () => {
      fx.fake.script(
        ID,
        { status: 429, headers: { 'retry-after': '1' }, body: fixture('defender/error-throttled.json') },
        { body: odata([kbItem('1')]) },
      );
      const started = Date.now();
      const result = await fx.client().getMissingKbs(ID);
      const elapsed = Date.now() - started;
      assert.deepEqual(
        result.kbs.map((k) => k.id),
        ['1'],
      );
      assert.equal(fx.fake.requests.length, 2);
      assert.ok(elapsed >= 950, `waited ${elapsed} ms for Retry-After: 1`);
    });

    it('reports each answer (the 429 and the 200 after it) to telemetry', async () => {
      fx.fake.script(ID, { status: 429, headers: { 'retry-after': '0' }, body: '{}' }, { body: odata([kbItem('1')]) });
      const recorded = recordSignals();
      try {
        await fx.client().getMissingKbs(ID);
        assert.deepEqual(recorded.calls, ['defenderResponse 429', 'defenderResponse 200']);
      } finally {
        recorded.stop();
      }
    });

    it('gives throttled at once for a 429 with a long Retry-After', async () => {
      fx.fake.script(ID, {
        status: 429,
        headers: { 'retry-after': '30' },
        body: fixture('defender/error-throttled.json'),
      });
      const started = Date.now();
      const err = await failure(fx.client().getMissingKbs(ID));
      assert.ok(Date.now() - started < 1000);
      assert.equal(err.code, 'throttled');
      assert.equal(err.details.retryAfterSeconds, 30);
      assert.equal(err.details.correlationId, 'c7c6e5b1-1f9c-4c4b-9bd0-2a1f3c0fd1a5');
      assert.equal(err.details.upstreamCode, 'TooManyRequests');
      assert.equal(fx.fake.requests.length, 1);
    });

    it('gives throttled after the second 429 even with a short Retry-After', async () => {
      fx.fake.script(ID, {
        status: 429,
        headers: { 'retry-after': '0' },
        body: odataError('TooManyRequests', 'Slow down'),
      });
      const err = await failure(fx.client().getMissingKbs(ID));
      assert.equal(err.code, 'throttled');
      assert.equal(err.details.retryAfterSeconds, 0);
      assert.equal(fx.fake.requests.length, 2);
    });

    it('gives throttled for a 429 without Retry-After', async () => {
      fx.fake.script(ID, { status: 429, body: odataError('TooManyRequests', 'Slow down') });
      const err = await failure(fx.client().getMissingKbs(ID));
      assert.equal(err.code, 'throttled');
      assert.equal(err.details.retryAfterSeconds, undefined);
      assert.equal(fx.fake.requests.length, 1);
    });

    it('reads a 429 Retry-After given as an HTTP-date', async () => {
      const inOneMinute = new Date(Date.now() + 60_000).toUTCString();
      fx.fake.script(ID, { status: 429, headers: { 'retry-after': inOneMinute } });
      const err = await failure(fx.client().getMissingKbs(ID));
      assert.equal(err.code, 'throttled');
      const seconds = err.details.retryAfterSeconds ?? -1;
      assert.ok(seconds >= 58 && seconds <= 61, `retryAfterSeconds ${seconds}`);
      assert.equal(fx.fake.requests.length, 1);
    });

    it('honours maxThrottleWaitSeconds', async () => {
      fx.fake.script(ID, { status: 429, headers: { 'retry-after': '2' } }, { body: odata([]) });
      const err = await failure(fx.client({ maxThrottleWaitSeconds: 1 }).getMissingKbs(ID));
      assert.equal(err.code, 'throttled');
      assert.equal(err.details.retryAfterSeconds, 2);
      assert.equal(fx.fake.requests.length, 1);
    });

    it('does not start a Retry-After wait that would outlast the deadline, and says when to retry', async () => {
      fx.fake.script(ID, { status: 429, headers: { 'retry-after': '5' } }, { body: odata([]) });
      const started = Date.now();
      const err = await failure(fx.client({ timeoutMs: 1000 }).getMissingKbs(ID));
      assert.equal(err.code, 'throttled');
      assert.equal(err.details.retryAfterSeconds, 5);
      assert.ok(Date.now() - started < 500);
      assert.equal(fx.fake.requests.length, 1);
    });
  });
});
