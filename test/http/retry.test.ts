// src/http/retry.ts: Retry-After, backoff, the transient statuses, and withRetries around an in-process fetch.
import assert from 'node:assert/strict';
import sinon from 'sinon';
import { AppError } from '../../src/errors';
import { backoffDelay, isTransientStatus, parseRetryAfter, withRetries, type RetryOptions } from '../../src/http/retry';
import type { FetchLike, HttpInit } from '../../src/http/types';
import { createLogger } from '../../src/log';

/** One scripted attempt: a status (with headers), a network failure, or a body that drops mid-way. */
type Attempt = number | { status: number; headers?: Record<string, string> } | Error | 'drop';

/** A fetch that plays `attempts` in order (the last one again and again) and records each request. */
function scripted(...attempts: Attempt[]): FetchLike & { inits: HttpInit[] } {
  const inits: HttpInit[] = [];
  const fetch = (_input: string, init: HttpInit): Promise<Response> => {
    const next = attempts[Math.min(inits.length, attempts.length - 1)];
    inits.push(init);
    if (next instanceof Error) return Promise.reject(next);
    if (next === 'drop') {
      const body = new ReadableStream({
        start: (c) => (c.enqueue(new TextEncoder().encode('{"va')), c.error(new TypeError('terminated'))),
      });
      return Promise.resolve(new Response(body));
    }
    const { status, headers } = typeof next === 'number' ? { status: next, headers: {} } : next;
    return Promise.resolve(new Response(`answer ${inits.length}`, { status, headers }));
  };
  return Object.assign(fetch, { inits });
}

describe('http/retry', () => {
  it('parseRetryAfter reads delta-seconds and HTTP dates (never negative), and nothing else', () => {
    const at = Date.UTC(2015, 9, 21, 7, 28, 0);
    const cases: [string | null, number, number | undefined][] = [
      ['30', at, 30],
      ['0', at, 0],
      [' 5 ', at, 5],
      ['\t45\t', at, 45],
      ['Wed, 21 Oct 2015 07:28:00 GMT', at - 120_000, 120],
      ['Wed, 21 Oct 2015 07:28:00 GMT', at - 1_500, 2],
      ['Wed, 21 Oct 2015 07:28:00 GMT', at + 3_600_000, 0],
      ['Wednesday, 21-Oct-15 07:28:00 GMT', at - 10_000, 10],
      ['Wed, 99 Oct 2015 07:28:00 GMT', at, undefined],
    ];
    for (const [header, now, expected] of cases) assert.equal(parseRetryAfter(header, now), expected, String(header));
    for (const bad of [null, '', '   ', '-1', '1.5', '5s', '1e3', '0x10', 'soon', '2025-01-01', 'Infinity']) {
      assert.equal(parseRetryAfter(bad), undefined, JSON.stringify(bad));
    }
    const seconds = parseRetryAfter(new Date(Date.now() + 60_000).toUTCString());
    assert.ok(seconds !== undefined && seconds >= 58 && seconds <= 61, `from the real clock: ${seconds}`);
  });

  it('backoffDelay doubles a capped window and spreads the wait over its upper half', () => {
    const cases: [number, number, number, number, number][] = [
      [1, 300, 3000, 1, 300],
      [4, 300, 3000, 1, 2400],
      [2, 300, 3000, 0, 300],
      [2, 400, 3000, 0.25, 500],
      [30, 300, 3000, 1, 3000],
      [30, 300, 3000, 0, 1500],
    ];
    for (const [attempt, base, max, r, expected] of cases) {
      const delay = backoffDelay(attempt, base, max, () => r);
      assert.equal(delay, expected, `attempt ${attempt}, random ${r}`);
    }
    for (let attempt = 1; attempt <= 12; attempt++) {
      const window = Math.min(3000, 7 * 2 ** (attempt - 1));
      for (const r of [0, 0.25, 0.999999]) {
        const delay = backoffDelay(attempt, 7, 3000, () => r);
        assert.ok(Number.isInteger(delay) && delay >= Math.floor(window / 2) && delay <= window, `${attempt} ${r}`);
      }
    }
    const random = sinon.stub(Math, 'random').returns(0.5);
    assert.equal(backoffDelay(2, 200, 3000), 300);
    random.restore();
  });

  it('isTransientStatus: only 500, 502, 503 and 504', () => {
    const statuses = [500, 502, 503, 504, 200, 400, 404, 429, 501, 505];
    assert.deepEqual(statuses.filter(isTransientStatus), [500, 502, 503, 504]);
  });

  describe('withRetries', () => {
    let clock: sinon.SinonFakeTimers;
    let lines: string[];
    beforeEach(() => {
      clock = sinon.useFakeTimers({ now: 1_700_000_000_000, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
      lines = [];
    });
    afterEach(() => sinon.restore());

    /** Runs one call to the end of its waits; gives its answer's status and body, how long it took, and the calls made. */
    async function call(fetch: ReturnType<typeof scripted>, options: RetryOptions = {}, init: HttpInit = {}) {
      const logger = createLogger('debug', (l) => lines.push(l));
      const started = Date.now();
      const outcome = withRetries(fetch, { backoffBaseMs: 10, logger, events: 'defender', ...options })(
        'https://x.test/a',
        init,
      )
        .then(async (r) => ({ status: r.status, body: await r.text() }))
        .catch((err: unknown) => ({ error: err as Error }));
      await clock.runAllAsync();
      return { ...(await outcome), calls: fetch.inits.length, ms: Date.now() - started };
    }

    const RA2 = { 'retry-after': '2' };
    const cases: [string, Attempt[], RetryOptions, number, number | string][] = [
      ['retries a 500 and gives the answer after it', [500, 200], {}, 2, 200],
      ['retries 502 and 504 too', [502, 504, 200], {}, 3, 200],
      ['gives the last 503 after 1 + maxRetries attempts (default 2)', [503], {}, 3, 503],
      ['counts maxRetries', [503], { maxRetries: 4 }, 5, 503],
      ['makes one attempt with maxRetries 0', [503, 200], { maxRetries: 0 }, 1, 503],
      ['does not retry a 5xx that is not transient (501), nor a 4xx', [501, 200], {}, 1, 501],
      ['retries a network failure', [new TypeError('fetch failed'), 200], {}, 2, 200],
      ['fails with the network error once retries are spent', [new TypeError('fetch failed')], {}, 3, 'fetch failed'],
      ['retries a body that drops mid-way', ['drop', 200], {}, 2, 200],
      ['does not wait for a 429 without Retry-After', [{ status: 429 }, 200], {}, 1, 429],
      ['waits out a short 429 once only', [{ status: 429, headers: { 'retry-after': '0' } }], {}, 2, 429],
      ['does not wait for a long Retry-After', [{ status: 429, headers: { 'retry-after': '30' } }, 200], {}, 1, 429],
      ['honours maxThrottleWaitSeconds', [{ status: 429, headers: RA2 }, 200], { maxThrottleWaitSeconds: 1 }, 1, 429],
    ];
    for (const [what, attempts, options, calls, outcome] of cases) {
      it(what, async () => {
        const result = await call(scripted(...attempts), options);
        assert.equal(result.calls, calls);
        if (typeof outcome === 'number') assert.equal('status' in result && result.status, outcome);
        else assert.equal('error' in result && result.error.message, outcome);
      });
    }

    it('logs every answer, retry and wait with the caller’s fields, reports each answer, and gives the last', async () => {
      const onResponse = sinon.spy();
      const fetch = scripted(new TypeError('reset'), 500, { status: 429, headers: { 'retry-after': '1' } }, 200);
      const result = await call(fetch, { onResponse }, { logFields: { softwareId: 'x' } });
      assert.ok('body' in result && result.body === 'answer 4');
      assert.ok(result.ms >= 1000, `waited ${result.ms} ms`);
      const statuses = onResponse.args.map((args) => args[0] as number);
      assert.deepEqual(statuses, [500, 429, 200]);
      const skip = ['time', 'level', 'ms'];
      const events = lines.map((l) =>
        Object.fromEntries(Object.entries(JSON.parse(l) as object).filter(([k]) => !skip.includes(k))),
      );
      const x = { softwareId: 'x' };
      assert.deepEqual(events, [
        { msg: 'defender.retry', ...x, reason: 'network', retry: 1 },
        { msg: 'defender.response', ...x, status: 500 },
        { msg: 'defender.retry', ...x, status: 500, retry: 2 },
        { msg: 'defender.response', ...x, status: 429 },
        { msg: 'defender.throttled_wait', ...x, retryAfterSeconds: 1 },
        { msg: 'defender.response', ...x, status: 200 },
      ]);
    });

    it('waits for a 5xx’s Retry-After when it is longer than the backoff', async () => {
      const result = await call(scripted({ status: 503, headers: RA2 }, 200));
      assert.equal(result.ms, 2000);
    });

    it('does not start a Retry-After wait that would outlast the caller’s deadline', async () => {
      const fetch = scripted({ status: 429, headers: { 'retry-after': '5' } }, 200);
      const result = await call(fetch, {}, { deadlineAt: Date.now() + 1000 });
      assert.deepEqual([result.calls, result.ms, 'status' in result && result.status], [1, 0, 429]);
    });

    it('passes the request on without the wrappers’ own fields', async () => {
      const fetch = scripted(200);
      await call(fetch, {}, { method: 'GET', deadlineAt: 1, logFields: { a: 1 }, maxBodyBytes: 5 });
      assert.deepEqual(fetch.inits, [{ method: 'GET' }]);
    });

    it('does not retry a body over the size cap: the default, or the caller’s maxBodyBytes', async () => {
      const over: [Response, HttpInit][] = [
        [new Response('{}', { headers: { 'content-length': String(64 * 1024 * 1024) } }), {}],
        [new Response('{"a":"123456"}'), { maxBodyBytes: 13 }],
      ];
      for (const [response, init] of over) {
        const fetch = sinon.stub<Parameters<FetchLike>, ReturnType<FetchLike>>().resolves(response);
        const outcome = await withRetries(fetch)('https://x.test/a', init).catch((err: unknown) => err);
        assert.ok(outcome instanceof AppError && outcome.code === 'bad-response');
        sinon.assert.calledOnce(fetch);
      }
    });

    it('stops at once when the caller aborts: during a wait, or with a failure that follows the abort', async () => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(new Error('user left')), 100);
      const result = await call(
        scripted({ status: 429, headers: { 'retry-after': '5' } }, 200),
        {},
        { signal: controller.signal },
      );
      assert.deepEqual([result.calls, result.ms, 'error' in result && result.error.message], [1, 100, 'user left']);
      const failed = await call(scripted(new TypeError('aborted')), {}, { signal: AbortSignal.abort() });
      assert.equal(failed.calls, 1);
    });

    it('keeps no body for a 204', async () => {
      const fetch: FetchLike = () => Promise.resolve(new Response(null, { status: 204 }));
      const response = await withRetries(fetch)('https://x.test/a', {});
      assert.deepEqual([response.status, response.body], [204, null]);
    });
  });
});
