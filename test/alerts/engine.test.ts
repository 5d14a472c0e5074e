/** AlertEngine.pollOne: baseline summary, change alerts, no repeat, new watchers, checks recorded, failures. */
import assert from 'node:assert/strict';
import { AppError } from '../../src/errors';
import { cardText } from '../support/harness';
import { kb } from '../support/kbs';
import { AT_EDGE, EDGE, Scenario } from './engineSetup';

describe('AlertEngine', () => {
  let s: Scenario;
  beforeEach(() => {
    s = new Scenario();
    s.directory.add('c1').add('c2', { locale: 'fr' });
    s.watches.watch(EDGE, 'c1').watch(EDGE, 'c2');
    s.data.set(EDGE, [kb({ id: '100', machineMissedOn: 10 })]);
  });

  it('posts one summary to each watcher on the first poll, then nothing while nothing changes', async () => {
    const engine = s.engine();
    assert.deepEqual(await engine.pollOne(AT_EDGE), { polled: true, throttledSeconds: undefined });
    assert.equal(s.poster.to('c1').length, 1);
    assert.equal(s.poster.to('c2').length, 1);
    assert.match(cardText(s.poster.to('c1')[0].card), /Now watching this software/);
    assert.match(cardText(s.poster.to('c2')[0].card), /Ce logiciel est désormais surveillé/);
    for (let i = 0; i < 3; i++) {
      s.nextRound();
      await engine.pollOne(AT_EDGE);
    }
    assert.equal(s.poster.posted.length, 2);
    assert.equal(s.fetches, 4);
  });

  it('posts one change alert to each watcher when a KB is new or grew by the threshold', async () => {
    const engine = s.engine();
    await engine.pollOne(AT_EDGE);
    s.nextRound();
    s.data.set(EDGE, [kb({ id: '100', machineMissedOn: 15 }), kb({ id: '200', machineMissedOn: 3 })]);
    await engine.pollOne(AT_EDGE);
    // What the alert says: the alert-change sample (test/cards/fixtures.test.ts); which KBs count as changed: diff.test.ts.
    const [alert] = s.poster.to('c1').slice(1);
    assert.match(cardText(alert.card), /New missing security updates[\s\S]*1 newly missing, 1 on more devices/);
    assert.equal(s.poster.to('c2').length, 2);
    s.nextRound();
    await engine.pollOne(AT_EDGE);
    assert.equal(s.poster.posted.length, 4, 'the same data alerts once');
  });

  it('reports resolved KBs with the next alert', async () => {
    s.data.set(EDGE, [kb({ id: '100', machineMissedOn: 10 }), kb({ id: '101', machineMissedOn: 10 })]);
    const engine = s.engine();
    await engine.pollOne(AT_EDGE);
    s.nextRound();
    s.data.set(EDGE, [kb({ id: '100', machineMissedOn: 10 })]);
    await engine.pollOne(AT_EDGE);
    s.nextRound();
    s.data.set(EDGE, [kb({ id: '100', machineMissedOn: 10 }), kb({ id: '300', machineMissedOn: 1 })]);
    await engine.pollOne(AT_EDGE);
    const text = cardText(s.poster.to('c1')[1].card);
    assert.match(text, /1 KB is no longer missing:\nKB101/);
  });

  it('gives a watch added later its own summary, and the others the change', async () => {
    const engine = s.engine();
    await engine.pollOne(AT_EDGE);
    s.directory.add('c3');
    s.watches.watch(EDGE, 'c3', '2026-11-27T08:30:00.000Z');
    s.nextRound();
    await engine.pollOne(AT_EDGE);
    assert.equal(s.poster.to('c3').length, 1);
    assert.match(cardText(s.poster.to('c3')[0].card), /Now watching/);
    assert.equal(s.poster.to('c1').length, 1, 'nothing changed for the others');
  });

  it('skips inactive watchers and never polls an id twice in one round', async () => {
    s.directory.add('c2', { active: false });
    const engine = s.engine();
    await engine.pollOne(AT_EDGE);
    assert.deepEqual(await engine.pollOne(AT_EDGE), { polled: false });
    assert.deepEqual(await s.engine({}, 'instance-b').pollOne(AT_EDGE), { polled: false });
    assert.deepEqual(
      s.poster.posted.map((p) => p.conversationId),
      ['c1'],
    );
    assert.equal(s.fetches, 1);
  });

  it('records each check, with the error code of a failed one, and reports Retry-After of a 429', async () => {
    const engine = s.engine();
    await engine.pollOne(AT_EDGE);
    s.nextRound();
    s.failures.set(EDGE, new AppError('throttled', 'Defender answered 429', { status: 429, retryAfterSeconds: 42 }));
    assert.deepEqual(await engine.pollOne(AT_EDGE), { polled: true, throttledSeconds: 42 });
    assert.deepEqual(
      s.watches.checks.map((c) => [c.result.ok, c.result.kbs, c.result.errorCode]),
      [
        [true, 1, undefined],
        [false, undefined, 'throttled'],
      ],
    );
    assert.equal(s.poster.posted.length, 2, 'a failed check alerts nobody');
  });
});
