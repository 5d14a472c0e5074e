/** Delivery failures: a gone target is marked inactive and the others still get their card; 429/5xx retried, then left pending. */
import assert from 'node:assert/strict';
import { DeliveryError } from '../../src/alerts/delivery';
import { FAKE_TENANT } from '../support/alertFakes';
import { cardText } from '../support/harness';
import { kb, result } from '../support/kbs';
import { recordSignals } from '../support/signals';
import { AT_EDGE, EDGE, Scenario } from './engineSetup';

describe('alert delivery', () => {
  let s: Scenario;
  beforeEach(() => {
    s = new Scenario();
    s.directory.add('c1').add('c2').add('c3');
    s.watches.watch(EDGE, 'c1').watch(EDGE, 'c2').watch(EDGE, 'c3');
    s.data.set(EDGE, [kb({ id: '100', machineMissedOn: 10 })]);
  });

  for (const code of ['BotNotInConversationRoster', 'MessageWritesBlocked', 'ConversationBlockedByUser']) {
    it(`marks a target inactive on 403 ${code} and still posts to the others`, async () => {
      s.poster.fail = (id) =>
        id === 'c2' ? new DeliveryError('gone', `403 ${code}`, { status: 403, code }) : undefined;
      const engine = s.engine();
      await engine.pollOne(AT_EDGE);
      assert.deepEqual(s.directory.inactivated, [{ id: 'c2', reason: code }]);
      assert.deepEqual(
        s.poster.posted.map((p) => p.conversationId),
        ['c1', 'c3'],
      );
      s.nextRound();
      s.data.set(EDGE, [kb({ id: '100', machineMissedOn: 10 }), kb({ id: '200', machineMissedOn: 1 })]);
      await engine.pollOne(AT_EDGE);
      assert.deepEqual(
        s.poster.posted.map((p) => p.conversationId),
        ['c1', 'c3', 'c1', 'c3'],
        'an inactive target gets nothing more',
      );
    });
  }

  it('reports each delivery outcome to telemetry (alerts by outcome)', async () => {
    const recorded = recordSignals();
    try {
      s.poster.fail = (id) =>
        id === 'c2' ? new DeliveryError('gone', '403', { status: 403, code: 'BotNotInConversationRoster' }) : undefined;
      await s.engine().pollOne(AT_EDGE);
      assert.deepEqual(recorded.calls.sort(), ['alert gone', 'alert sent', 'alert sent']);
    } finally {
      recorded.stop();
    }
  });

  it('retries a 429 or 5xx, then leaves the alert pending for the next round, which posts it once', async () => {
    s.poster.fail = (id, attempt) =>
      id === 'c1' && attempt <= 2
        ? new DeliveryError('transient', '503', { status: 503 })
        : id === 'c3' && attempt === 1
          ? new DeliveryError('transient', '429', { status: 429, retryAfterMs: 2 })
          : undefined;
    const engine = s.engine();
    await engine.pollOne(AT_EDGE);
    assert.deepEqual(
      s.poster.posted.map((p) => p.conversationId),
      ['c2', 'c3'],
      'c3 got its card on the retry; c1 failed twice',
    );
    s.nextRound();
    await engine.pollOne(AT_EDGE);
    s.nextRound();
    await engine.pollOne(AT_EDGE);
    assert.deepEqual(
      s.poster.posted.map((p) => p.conversationId),
      ['c2', 'c3', 'c1'],
    );
  });

  it('retries a 412 with backoff honouring Retry-After, at most `retries` times, then leaves it pending', async () => {
    const preconditionFailed = (retryAfterMs?: number) =>
      new DeliveryError('transient', '412', { status: 412, retryAfterMs, attempts: 1 });
    s.poster.fail = (id, attempt) =>
      id === 'c1' && attempt <= 4 ? preconditionFailed(attempt === 1 ? 30 : undefined) : undefined;
    const engine = s.engine({ delivery: { retries: 3, backoffMs: 1 } });
    const started = Date.now();
    await engine.pollOne(AT_EDGE);
    assert.ok(Date.now() - started >= 30, 'waited the Retry-After');
    assert.equal(s.poster.to('c1').length, 0, '4 attempts, all 412');
    s.nextRound();
    await engine.pollOne(AT_EDGE);
    assert.equal(s.poster.to('c1').length, 1, 'the 5th attempt, next round, posts it once');
  });

  it('does not retry in the round what the Bot Framework client already retried (no multiplied retries)', async () => {
    let tries = 0;
    s.poster.fail = (id) => {
      if (id !== 'c1') return undefined;
      tries++;
      return tries === 1 ? new DeliveryError('transient', '502', { status: 502, attempts: 4 }) : undefined;
    };
    const engine = s.engine({ delivery: { retries: 3, backoffMs: 1 } });
    await engine.pollOne(AT_EDGE);
    assert.equal(tries, 1);
    s.nextRound();
    await engine.pollOne(AT_EDGE);
    assert.equal(s.poster.to('c1').length, 1);
  });

  it('bounds the total wait of one delivery, not only each wait', async () => {
    s.poster.fail = (id, attempt) =>
      id === 'c1' && attempt <= 2
        ? new DeliveryError('transient', '429', { status: 429, retryAfterMs: 30 })
        : undefined;
    const engine = s.engine({ delivery: { retries: 3, backoffMs: 1, maxWaitMs: 50 } });
    await engine.pollOne(AT_EDGE);
    assert.equal(s.poster.to('c1').length, 0, 'the second 30 ms wait would pass 50 ms');
  });

  it('passes the conversation’s tenant and the poll’s signal to the poster (for pacing)', async () => {
    const seen: unknown[] = [];
    const post = s.poster.post;
    const controller = new AbortController();
    await s
      .engine({ post: (ref, card, options) => (seen.push(options), post(ref, card)) })
      .pollOne(AT_EDGE, controller.signal);
    assert.equal(seen.length, 3);
    for (const options of seen) assert.deepEqual(options, { tenantId: FAKE_TENANT, signal: controller.signal });
  });

  it('does not wait a Retry-After longer than the cap: the alert stays pending', async () => {
    s.poster.fail = (id, attempt) =>
      id === 'c1' && attempt === 1
        ? new DeliveryError('transient', '429', { status: 429, retryAfterMs: 3_600_000 })
        : undefined;
    const engine = s.engine({ delivery: { retries: 3, backoffMs: 1, maxWaitMs: 1000 } });
    await engine.pollOne(AT_EDGE);
    assert.equal(s.poster.to('c1').length, 0);
    s.nextRound();
    await engine.pollOne(AT_EDGE);
    assert.equal(s.poster.to('c1').length, 1);
  });

  it('stops waiting to retry when the poll is aborted (shutdown); the alert stays pending', async () => {
    const controller = new AbortController();
    s.poster.fail = (id, attempt) => {
      if (id !== 'c1' || attempt > 1) return undefined;
      setImmediate(() => controller.abort());
      return new DeliveryError('transient', '429', { status: 429, retryAfterMs: 50_000 });
    };
    const engine = s.engine({ delivery: { retries: 2, backoffMs: 1, maxWaitMs: 60_000 } });
    await engine.pollOne(AT_EDGE, controller.signal);
    assert.equal(s.poster.to('c1').length, 0);
    s.nextRound();
    await engine.pollOne(AT_EDGE);
    assert.equal(s.poster.to('c1').length, 1);
  });

  it('gives up on a post refused for good (e.g. 413) without retrying it every round', async () => {
    let tries = 0;
    s.poster.fail = (id) => {
      if (id !== 'c1') return undefined;
      tries++;
      return new DeliveryError('rejected', '413 MessageSizeTooBig', { status: 413, code: 'MessageSizeTooBig' });
    };
    const engine = s.engine();
    await engine.pollOne(AT_EDGE);
    s.nextRound();
    await engine.pollOne(AT_EDGE);
    assert.equal(tries, 1);
    assert.deepEqual(s.directory.inactivated, []);
  });

  it('skips a watcher whose conversation became inactive after the alert was queued', async () => {
    s.poster.fail = (id) => (id === 'c1' ? new DeliveryError('transient', '502', { status: 502 }) : undefined);
    const engine = s.engine({ delivery: { retries: 0 } });
    await engine.pollOne(AT_EDGE);
    s.directory.add('c1', { active: false });
    s.poster.fail = undefined;
    s.nextRound();
    await engine.pollOne(AT_EDGE);
    assert.equal(s.poster.to('c1').length, 0);
  });

  it('never posts an alert read in one tenant to a conversation of another, even one already queued', async () => {
    s.poster.fail = (id) => (id === 'c1' ? new DeliveryError('transient', '502', { status: 502 }) : undefined);
    const engine = s.engine({ delivery: { retries: 0 } });
    await engine.pollOne(AT_EDGE);
    // Teams now records c1 in another organisation: its pending alert (read with the fakes' tenant) is dropped.
    s.directory.add('c1', { tenantId: '11111111-2222-4333-8444-555555555555' });
    s.poster.fail = undefined;
    s.nextRound();
    await engine.pollOne(AT_EDGE);
    assert.equal(s.poster.to('c1').length, 0);
    assert.equal(s.poster.to('c2').length, 1);
  });

  it('polls each tenant’s conversations with that tenant’s data only', async () => {
    const OTHER = '11111111-2222-4333-8444-555555555555';
    s.directory.add('b1', { tenantId: OTHER });
    s.watches.watch(EDGE, 'b1', undefined, OTHER);
    const reads: string[] = [];
    const engine = s.engine({
      source: (tenantId, id) => {
        reads.push(tenantId);
        const devices = tenantId === OTHER ? 222 : 111;
        return Promise.resolve(
          result([kb({ id: tenantId === OTHER ? '2' : '1', machineMissedOn: devices })], { softwareId: id }),
        );
      },
    });
    for (const target of await s.watches.watchedSoftware()) await engine.pollOne(target);
    assert.deepEqual(reads.sort(), [FAKE_TENANT, OTHER].sort());
    assert.match(cardText(s.poster.to('b1')[0].card), /KB2[\s\S]*222 devices/);
    assert.doesNotMatch(cardText(s.poster.to('b1')[0].card), /KB1\b|111 devices/);
    assert.doesNotMatch(cardText(s.poster.to('c1')[0].card), /KB2\b|222 devices/);
  });
});
