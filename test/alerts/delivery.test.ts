/** Delivery failures: a gone target is marked inactive and the others still get their card; 429/5xx retried, then left pending. */
import assert from 'node:assert/strict';
import { DeliveryError, type DeliveryRetry } from '../../src/alerts/delivery';
import { FAKE_TENANT } from '../support/alertFakes';
import { cardText } from '../support/harness';
import { kb, result } from '../support/kbs';
import { recordSignals } from '../support/signals';
import { AT_EDGE, EDGE, Scenario } from './engineSetup';

const OTHER = '11111111-2222-4333-8444-555555555555';
const transient = (status: number, retryAfterMs?: number, attempts?: number) =>
  new DeliveryError('transient', String(status), { status, retryAfterMs, attempts });

describe('alert delivery', () => {
  let s: Scenario;
  beforeEach(() => {
    s = new Scenario();
    s.directory.add('c1').add('c2').add('c3');
    s.watches.watch(EDGE, 'c1').watch(EDGE, 'c2').watch(EDGE, 'c3');
    s.data.set(EDGE, [kb({ id: '100', machineMissedOn: 10 })]);
  });
  const sentTo = (): string[] => s.poster.posted.map((p) => p.conversationId);
  /** Polls one round, then moves the clock to the next. */
  const round = async (engine = s.engine(), signal?: AbortSignal): Promise<void> => {
    await engine.pollOne(AT_EDGE, signal);
    s.nextRound();
  };

  it('marks a target inactive on 403, still posts to the others, and reports each outcome', async () => {
    const recorded = recordSignals();
    try {
      const code = 'BotNotInConversationRoster';
      s.poster.fail = (id) => (id === 'c2' ? new DeliveryError('gone', '403', { status: 403, code }) : undefined);
      const engine = s.engine();
      await round(engine);
      assert.deepEqual(s.directory.inactivated, [{ id: 'c2', reason: code }]);
      assert.deepEqual(sentTo(), ['c1', 'c3']);
      assert.deepEqual(recorded.calls.sort(), ['alert gone', 'alert sent', 'alert sent']);
      s.data.set(EDGE, [kb({ id: '100', machineMissedOn: 10 }), kb({ id: '200', machineMissedOn: 1 })]);
      await round(engine);
      assert.deepEqual(sentTo(), ['c1', 'c3', 'c1', 'c3'], 'an inactive target gets nothing more');
    } finally {
      recorded.stop();
    }
  });

  it('retries a 429 or 5xx, then leaves the alert pending for the next round, which posts it once', async () => {
    s.poster.fail = (id, attempt) =>
      id === 'c1' && attempt <= 2 ? transient(503) : id === 'c3' && attempt === 1 ? transient(429, 2) : undefined;
    const engine = s.engine();
    await round(engine);
    assert.deepEqual(sentTo(), ['c2', 'c3'], 'c3 got its card on the retry; c1 failed twice');
    await round(engine);
    await round(engine);
    assert.deepEqual(sentTo(), ['c2', 'c3', 'c1']);
  });

  it('retries a 412 with backoff honouring Retry-After, at most `retries` times, then leaves it pending', async () => {
    s.poster.fail = (id, attempt) =>
      id === 'c1' && attempt <= 4 ? transient(412, attempt === 1 ? 30 : undefined, 1) : undefined;
    const engine = s.engine({ delivery: { retries: 3, backoffMs: 1 } });
    const started = Date.now();
    await round(engine);
    assert.ok(Date.now() - started >= 30, 'waited the Retry-After');
    assert.equal(s.poster.to('c1').length, 0, '4 attempts, all 412');
    await round(engine);
    assert.equal(s.poster.to('c1').length, 1, 'the 5th attempt, next round, posts it once');
  });

  // Each leaves c1's alert pending in the first round (a retry in the round would post it); the next round posts it once.
  const pending: [string, DeliveryRetry, (attempt: number, abort: () => void) => Error | undefined][] = [
    [
      'what the Bot Framework client already retried (no multiplied retries)',
      { retries: 3, backoffMs: 1 },
      (a) => (a === 1 ? transient(502, undefined, 4) : undefined),
    ],
    [
      'a second wait that would pass the total bound',
      { retries: 3, backoffMs: 1, maxWaitMs: 50 },
      (a) => (a <= 2 ? transient(429, 30) : undefined),
    ],
    [
      'a Retry-After longer than the cap',
      { retries: 3, backoffMs: 1, maxWaitMs: 1000 },
      (a) => (a === 1 ? transient(429, 3_600_000) : undefined),
    ],
    [
      'a wait the poll aborts (shutdown)',
      { retries: 2, backoffMs: 1, maxWaitMs: 60_000 },
      (a, abort) => (a === 1 ? (setImmediate(abort), transient(429, 50_000)) : undefined),
    ],
  ];
  for (const [what, delivery, fail] of pending) {
    it(`leaves the alert pending after ${what}`, async () => {
      const controller = new AbortController();
      s.poster.fail = (id, attempt) => (id === 'c1' ? fail(attempt, () => controller.abort()) : undefined);
      const engine = s.engine({ delivery });
      await round(engine, controller.signal);
      assert.equal(s.poster.to('c1').length, 0);
      await round(engine);
      assert.equal(s.poster.to('c1').length, 1);
    });
  }

  it('passes the conversation’s tenant and the poll’s signal to the poster (for pacing)', async () => {
    const seen: unknown[] = [];
    const post = s.poster.post;
    const controller = new AbortController();
    await s
      .engine({ post: (ref, card, options) => (seen.push(options), post(ref, card)) })
      .pollOne(AT_EDGE, controller.signal);
    assert.deepEqual(
      seen,
      [1, 2, 3].map(() => ({ tenantId: FAKE_TENANT, signal: controller.signal })),
    );
  });

  it('gives up on a post refused for good (e.g. 413) without retrying it every round', async () => {
    let tries = 0;
    s.poster.fail = (id) =>
      id === 'c1'
        ? (tries++, new DeliveryError('rejected', '413', { status: 413, code: 'MessageSizeTooBig' }))
        : undefined;
    const engine = s.engine();
    await round(engine);
    await round(engine);
    assert.equal(tries, 1);
    assert.deepEqual(s.directory.inactivated, []);
  });

  // A pending alert is dropped when its conversation changed after it was queued.
  for (const [what, change] of [
    ['became inactive', { active: false }],
    // Security: an alert read with the fakes' tenant never reaches a conversation Teams now puts in another.
    ['moved to another organisation', { tenantId: OTHER }],
  ] as const) {
    it(`skips a watcher whose conversation ${what} after the alert was queued`, async () => {
      s.poster.fail = (id) => (id === 'c1' ? transient(502) : undefined);
      const engine = s.engine({ delivery: { retries: 0 } });
      await round(engine);
      s.directory.add('c1', change);
      s.poster.fail = undefined;
      await round(engine);
      assert.equal(s.poster.to('c1').length, 0);
      assert.equal(s.poster.to('c2').length, 1);
    });
  }

  it('polls each tenant’s conversations with that tenant’s data only', async () => {
    s.directory.add('b1', { tenantId: OTHER });
    s.watches.watch(EDGE, 'b1', undefined, OTHER);
    const reads: string[] = [];
    const engine = s.engine({
      source: (tenantId, id) => {
        reads.push(tenantId);
        const [kbId, devices] = tenantId === OTHER ? ['2', 222] : ['1', 111];
        return Promise.resolve(result([kb({ id: kbId, machineMissedOn: devices })], { softwareId: id }));
      },
    });
    for (const target of await s.watches.watchedSoftware()) await engine.pollOne(target);
    assert.deepEqual(reads.sort(), [FAKE_TENANT, OTHER].sort());
    assert.match(cardText(s.poster.to('b1')[0].card), /KB2[\s\S]*222 devices/);
    assert.doesNotMatch(cardText(s.poster.to('b1')[0].card), /KB1\b|111 devices/);
    assert.doesNotMatch(cardText(s.poster.to('c1')[0].card), /KB2\b|222 devices/);
  });
});
