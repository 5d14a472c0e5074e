/** The Leases contract, run on every store: exactly one holder at a time, expiry, retirement. */
import assert from 'node:assert/strict';
import { Leases } from '../../src/storage/lease';
import type { AppStorage } from '../../src/storage/types';
import type { OpenStore } from './contract';

/** Registers the lease tests for the store `open` makes. */
export function leaseContract(open: OpenStore): void {
  let store: AppStorage;
  let now: number;
  const clock = (): number => now;
  const owner = (name: string): Leases => new Leases(store, name, clock);

  beforeEach(async () => {
    store = await open();
    now = 1_700_000_000_000;
  });
  afterEach(async () => {
    await store.close();
  });

  it('gives a key to exactly one of 12 owners acquiring at once', async () => {
    const owners = Array.from({ length: 12 }, (_, i) => owner(`instance-${i}`));
    const leases = await Promise.all(owners.map((o) => o.acquire('poll:slot', 60_000)));
    const held = leases.filter((l) => l !== undefined);
    assert.equal(held.length, 1);
    assert.equal(held[0].record.owner, (await store.read(['poll:slot']))['poll:slot'].owner);
  });

  it('gives a released key to exactly one of several owners racing for it', async () => {
    const first = await owner('a').acquire('k', 60_000);
    assert.ok(first);
    assert.equal(await owner('a').release(first), true);
    const owners = Array.from({ length: 8 }, (_, i) => owner(`b-${i}`));
    const leases = await Promise.all(owners.map((o) => o.acquire('k', 60_000)));
    assert.equal(leases.filter((l) => l !== undefined).length, 1);
  });

  it('lets another owner take an expired lease, and the old holder then cannot release it', async () => {
    const a = owner('a');
    const b = owner('b');
    const held = await a.acquire('k', 1_000);
    assert.ok(held);
    now += 999;
    assert.equal(await b.acquire('k', 1_000), undefined);
    now += 2;
    const taken = await b.acquire('k', 1_000);
    assert.ok(taken);
    assert.equal(taken.record.owner, 'b');
    assert.equal(await a.release(held, { done: true }), false);
    assert.equal((await store.read(['k'])).k.done, false);
    assert.equal(await b.release(taken), true);
  });

  it('never gives a done lease again, to anyone', async () => {
    const a = owner('a');
    const held = await a.acquire('alert:1', 1_000);
    assert.ok(held);
    assert.equal(await a.release(held, { done: true, data: { sentAt: 1 } }), true);
    now += 10 * 24 * 3600_000;
    assert.equal(await owner('b').acquire('alert:1', 1_000), undefined);
    assert.equal(await a.acquire('alert:1', 1_000), undefined);
    assert.deepEqual((await store.read(['alert:1']))['alert:1'].data, { sentAt: 1 });
  });

  it('keeps data for the next holder and asks `when` before taking a free lease', async () => {
    const a = owner('a');
    const held = await a.acquire('poll', 60_000);
    assert.ok(held);
    assert.equal(await a.release(held, { data: { lastRun: now } }), true);
    const due = (record: { data?: Record<string, unknown> } | undefined, at: number): boolean =>
      typeof record?.data?.lastRun !== 'number' || at - record.data.lastRun >= 3600_000;
    assert.equal(await owner('b').acquire('poll', 60_000, due), undefined);
    now += 3600_000;
    const next = await owner('b').acquire('poll', 60_000, due);
    assert.ok(next);
    assert.deepEqual(next.record.data, { lastRun: now - 3600_000 });
  });
}
