/** Poller: jittered interval, Defender calls paced, a 429 pauses the round, stop() ends a round under way. */
import assert from 'node:assert/strict';
import sinon from 'sinon';
import type { AlertEngine, PollResult } from '../../src/alerts/engine';
import { DEFAULT_PACE_MS, Poller } from '../../src/alerts/poller';
import type { PollTarget } from '../../src/watches/target';
import { silentLogger } from '../../src/log';
import { FakeWatchList } from '../support/alertFakes';

const HOUR = 3_600_000;

/** An engine stand-in recording when each id was polled (fake time). */
function engine(results: Record<string, PollResult> = {}): { engine: AlertEngine; calls: [string, number][] } {
  const calls: [string, number][] = [];
  const fake = {
    pollOne: ({ softwareId: id }: PollTarget) => {
      calls.push([id, Date.now()]);
      return Promise.resolve(results[id] ?? { polled: true });
    },
  };
  return { engine: fake as unknown as AlertEngine, calls };
}

describe('Poller', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: 0, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => sinon.restore());

  const watches = new FakeWatchList().watch('a-_-a', 'c').watch('b-_-b', 'c').watch('c-_-c', 'c');

  it('waits the interval ± 10%', () => {
    const at = (r: number) =>
      new Poller(engine().engine, watches, { intervalMs: HOUR, random: () => r }, silentLogger).nextDelay();
    assert.equal(at(0), Math.round(HOUR * 0.9));
    assert.equal(at(0.5), HOUR);
    assert.equal(at(1), Math.round(HOUR * 1.1));
  });

  it('spaces Defender calls by 4.8 s (half of 1,500 an hour) and skips the wait for ids it did not poll', async () => {
    const { engine: e, calls } = engine({ 'b-_-b': { polled: false } });
    const poller = new Poller(e, watches, { intervalMs: HOUR }, silentLogger);
    const round = poller.runRound();
    await clock.tickAsync(10_000);
    await round;
    assert.deepEqual(calls, [
      ['a-_-a', 0],
      ['b-_-b', DEFAULT_PACE_MS],
      ['c-_-c', DEFAULT_PACE_MS],
    ]);
  });

  it('pauses for the Retry-After of a 429 before the next id', async () => {
    const { engine: e, calls } = engine({ 'a-_-a': { polled: true, throttledSeconds: 30 } });
    const poller = new Poller(e, watches, { intervalMs: HOUR, paceMs: 10 }, silentLogger);
    const round = poller.runRound();
    await clock.tickAsync(60_000);
    await round;
    assert.deepEqual(
      calls.map(([, at]) => at),
      [0, 30_000, 30_010],
    );
  });

  it('runs rounds on its timer until stopped, and stop() ends the round under way', async () => {
    const { engine: e, calls } = engine();
    const poller = new Poller(e, watches, { intervalMs: HOUR, firstDelayMs: 1000, random: () => 0.5 }, silentLogger);
    poller.start();
    await clock.tickAsync(1000 + 2 * DEFAULT_PACE_MS + 10);
    assert.equal(poller.rounds, 0, 'the first round is pacing its third call');
    await clock.tickAsync(DEFAULT_PACE_MS);
    assert.equal(poller.rounds, 1);
    await clock.tickAsync(HOUR);
    assert.equal(calls.length, 4, 'the second round started an hour after the first ended');
    await poller.stop();
    await clock.tickAsync(10 * HOUR);
    assert.equal(calls.length, 4);
  });
});
