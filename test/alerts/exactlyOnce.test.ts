/**
 * Exactly-once: a crash between the outbox and the snapshot, or between posting and marking,
 * and several engines polling one store at once, never lose an alert and repeat at most the one
 * alert whose sender died after posting.
 */
import assert from 'node:assert/strict';
import { snapshotKey } from '../../src/alerts/snapshots';
import type { MissingKb, MissingKbsResult } from '../../src/defender/types';
import { MemoryStore } from '../../src/storage/memory';
import type { AppStorage } from '../../src/storage/types';
import { cardText } from '../support/harness';
import { kb } from '../support/kbs';
import { AT_EDGE, EDGE, HOUR, Scenario } from './engineSetup';

class Crash extends Error {}

/** A store that yields to the event loop before every operation, so concurrent engines interleave. */
function yielding(inner: MemoryStore): AppStorage {
  const turn = (): Promise<void> => new Promise((r) => setImmediate(r));
  return {
    read: async (keys) => (await turn(), inner.read(keys)),
    write: async (changes) => (await turn(), inner.write(changes)),
    delete: async (keys) => (await turn(), inner.delete(keys)),
    create: async (key, item) => (await turn(), inner.create(key, item)),
    close: () => inner.close(),
  };
}

describe('exactly-once alert delivery', () => {
  let s: Scenario;
  beforeEach(() => {
    s = new Scenario();
    s.directory.add('c1').add('c2');
    s.watches.watch(EDGE, 'c1').watch(EDGE, 'c2');
    s.data.set(EDGE, [kb({ id: '100', machineMissedOn: 10 })]);
  });

  const sentTo = (): string[] => s.poster.posted.map((p) => p.conversationId);

  /** Starts a poll whose poll lease lasts 1 s and whose Defender read (of `kbs`) waits for `release`. */
  async function heldPoll(kbs?: MissingKb[]): Promise<{ release: () => void; done: Promise<unknown> }> {
    let release: () => void = () => undefined;
    const source = async (_: string, id: string): Promise<MissingKbsResult> => {
      await new Promise<void>((r) => (release = r));
      return { softwareId: id, kbs: kbs ?? s.data.get(id) ?? [], skipped: 0, pages: 1, complete: true };
    };
    const done = s.engine({ pollLeaseMs: 1000, source }).pollOne(AT_EDGE);
    await new Promise((r) => setImmediate(r));
    return { release: () => release(), done };
  }

  for (const newData of [false, true]) {
    it(`a crash between the outbox and the snapshot${newData ? ', then new data' : ''}: one summary each, once`, async () => {
      const afterEnqueue = (): void => {
        throw new Crash('died after the outbox');
      };
      await assert.rejects(s.engine({ hooks: { afterEnqueue } }).pollOne(AT_EDGE), Crash);
      assert.equal(s.poster.posted.length, 0);
      if (newData) s.data.set(EDGE, [kb({ id: '100', machineMissedOn: 10 }), kb({ id: '200', machineMissedOn: 7 })]);
      for (let i = 0; i < 2; i++) {
        s.nextRound();
        await s.engine({}, 'instance-b').pollOne(AT_EDGE);
      }
      assert.deepEqual(sentTo().sort(), ['c1', 'c2']);
      assert.equal(/KB200/.test(cardText(s.poster.to('c1')[0].card)), newData, 'the summary is of the latest data');
    });
  }

  it('a crash between posting and marking repeats that one alert once, after its lease expires', async () => {
    let crashes = 1;
    const hooks = {
      afterSend: () => {
        if (crashes-- > 0) throw new Crash('died after posting');
      },
    };
    await assert.rejects(s.engine({ hooks }).pollOne(AT_EDGE), Crash);
    assert.deepEqual(sentTo(), ['c1']);
    // Another instance a minute later: c1's entry is still leased by the dead one; c2 is sent.
    s.now += 60_000;
    await s.engine({ intervalMs: 0 }, 'instance-b').pollOne(AT_EDGE);
    assert.deepEqual(sentTo(), ['c1', 'c2']);
    // Next round: the dead sender's lease has expired; c1's alert is posted again, once.
    s.nextRound();
    await s.engine({}, 'instance-b').pollOne(AT_EDGE);
    s.nextRound();
    await s.engine({}, 'instance-b').pollOne(AT_EDGE);
    assert.deepEqual(sentTo(), ['c1', 'c2', 'c1']);
  });

  it('an engine whose poll lease expired mid-poll loses the snapshot race and posts nothing twice', async () => {
    const slow = await heldPoll();
    s.now += 2000;
    await s.engine({}, 'instance-b').pollOne(AT_EDGE);
    assert.equal(s.poster.posted.length, 2);
    slow.release();
    await slow.done;
    assert.equal(s.poster.posted.length, 2);
  });

  it('a stale engine holding older data cannot overwrite a newer snapshot (no alert repeated next round)', async () => {
    await s.engine().pollOne(AT_EDGE);
    s.nextRound();
    const before = [...(s.data.get(EDGE) ?? [])];
    const stale = await heldPoll(before);
    s.data.set(EDGE, [...before, kb({ id: '200', machineMissedOn: 3 })]);
    s.now += 2000;
    await s.engine({}, 'instance-b').pollOne(AT_EDGE);
    stale.release();
    await stale.done;
    s.nextRound();
    await s.engine({}, 'instance-b').pollOne(AT_EDGE);
    assert.deepEqual(
      s.poster.to('c1').map((p) => /KB200/.test(cardText(p.card))),
      [false, true],
      'summary, then one alert about KB200',
    );
  });

  it('four engines polling one store at once, over rounds of changes: each alert posted exactly once', async () => {
    const memory = new MemoryStore();
    const shared = new Scenario(yielding(memory));
    shared.directory.add('c1').add('c2', { locale: 'fr' }).add('c3');
    shared.watches.watch(EDGE, 'c1').watch(EDGE, 'c2').watch(EDGE, 'c3');
    // Poll leases of 0 ms: every engine gets past the lease and the outbox alone must keep it exact.
    const engines = ['a', 'b', 'c', 'd'].map((owner) => shared.engine({ pollLeaseMs: 0 }, owner));
    const rounds = [
      [kb({ id: '100', machineMissedOn: 10 })],
      [kb({ id: '100', machineMissedOn: 10 })],
      [kb({ id: '100', machineMissedOn: 20 }), kb({ id: '200', machineMissedOn: 1 })],
      [kb({ id: '200', machineMissedOn: 1 })],
      [kb({ id: '200', machineMissedOn: 1 }), kb({ id: '300', machineMissedOn: 4 })],
    ];
    const turns = async (n: number): Promise<void> => {
      for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
    };
    for (const [round, data] of rounds.entries()) {
      shared.data.set(EDGE, data);
      // Staggered starts: each engine takes the expired lease over while the others are at other steps.
      await Promise.all(engines.map(async (e, i) => turns(i * (round + 2)).then(() => e.pollOne(AT_EDGE))));
      shared.now += HOUR;
    }
    assert.ok(shared.fetches > rounds.length, 'engines really polled concurrently');
    for (const c of ['c1', 'c2', 'c3']) {
      // summary, change (round 3), change (round 5); rounds 2 and 4 change nothing worth an alert.
      assert.equal(shared.poster.to(c).length, 3, `${c}: ${shared.poster.to(c).length} posts`);
    }
    const pending = await memory.read([snapshotKey(AT_EDGE)]);
    assert.deepEqual(pending[snapshotKey(AT_EDGE)].pending, []);
  });
});
