/**
 * The AppStorage and Leases contracts, as one suite any store runs: MemoryStore, SqliteStore and BlobStore
 * must behave the same (MemoryStore's rules are the reference); leases: one holder at a time, expiry, retirement.
 */
import assert from 'node:assert/strict';
import { isConflict } from '../../src/storage/items';
import { Leases } from '../../src/storage/lease';
import type { AppStorage, StoreItems } from '../../src/storage/types';

/** Opens a fresh, empty store for one test. */
export type OpenStore = () => Promise<AppStorage>;

/** Keys a store must keep apart: separators, URL characters, non-ASCII, dots, empty and long keys. */
export const AWKWARD_KEYS: readonly string[] = [
  ...'plain a/b a//b /a a/ conversation:19:abc@thread.tacv2 q?x=1&y=2 hash#fragment 100% pct%20 pct%2520'.split(' '),
  ...'é e\u0301 🎉 . .. x. ~sha256~abc back\\slash'.split(' '),
  'with spaces',
  'Mise à jour 🎉 : sécurité',
  '',
  'tab\tand\nnewline',
  '/'.repeat(300),
  's/'.repeat(300) + 'end',
  ...['A', 'B'].map((end) => 'k'.repeat(2000) + end),
  ...['1', '2'].map((end) => '🎉'.repeat(300) + end),
];

/** Rejects with ConflictError naming `key`. */
export async function assertConflict(promise: Promise<unknown>, key: string): Promise<void> {
  await assert.rejects(promise, (err: unknown) => isConflict(err) && err.key === key);
}

/** Registers the storage and lease contracts' tests for the store `open` makes. */
export function storeContract(open: OpenStore): void {
  let store: AppStorage;
  beforeEach(async () => {
    store = await open();
  });
  afterEach(async () => {
    await store.close();
  });

  const eTagOf = async (key: string): Promise<string> => {
    const eTag = (await store.read([key]))[key]?.eTag;
    assert.ok(typeof eTag === 'string' && eTag !== '', `${key} has an eTag`);
    return eTag;
  };

  it('reads back what it wrote, with an eTag, and only the keys that exist (none for no keys)', async () => {
    assert.deepEqual(await store.read([]), {});
    await store.write({ a: { n: 1, list: [1, 'two', null], nested: { ok: true } }, b: { n: 2 } });
    const found = await store.read(['a', 'missing', 'b']);
    assert.deepEqual(Object.keys(found).sort(), ['a', 'b']);
    const { eTag, ...a } = found.a;
    assert.deepEqual(a, { n: 1, list: [1, 'two', null], nested: { ok: true } });
    assert.ok(typeof eTag === 'string' && eTag !== '');
    assert.equal(found.b.n, 2);
  });

  it('changes the eTag on every write, writes with the current one, and refuses a stale one with ConflictError', async () => {
    await store.write({ k: { v: 1 } });
    const first = await eTagOf('k');
    await store.write({ k: { v: 2 } });
    const second = await eTagOf('k');
    await store.write({ k: { v: 3, eTag: second } });
    assert.equal(new Set([first, second, await eTagOf('k')]).size, 3);
    await assertConflict(store.write({ k: { v: 4, eTag: second } }), 'k');
    assert.equal((await store.read(['k'])).k.v, 3);
  });

  it('refuses a conditional write to a missing key, and an empty eTag', async () => {
    await store.write({ k: { v: 1 } });
    const eTag = await eTagOf('k');
    await assertConflict(store.write({ gone: { v: 1, eTag } }), 'gone');
    assert.deepEqual(await store.read(['gone']), {});
    await assertConflict(store.write({ k: { v: 9, eTag: '' } }), 'k');
    assert.equal((await store.read(['k'])).k.v, 1);
  });

  it('never stores the eTag inside the value, nor changes the caller’s objects', async () => {
    const item = { v: 1, eTag: '*' };
    await store.write({ k: item });
    assert.deepEqual(item, { v: 1, eTag: '*' });
    const read = await store.read(['k']);
    read.k.v = 'mutated';
    const again = await store.read(['k']);
    assert.equal(again.k.v, 1);
    assert.deepEqual(Object.keys(again.k).sort(), ['eTag', 'v']);
  });

  it('writes several items at once, and nothing at all if one eTag is stale', async () => {
    await store.write({ a: { v: 1 }, b: { v: 1 }, c: { v: 1 } });
    const [a, b] = [await eTagOf('a'), await eTagOf('b')];
    await store.write({ b: { v: 'changed' } });
    const attempt: StoreItems = { a: { v: 2, eTag: a }, b: { v: 2, eTag: b }, c: { v: 2 }, d: { v: 2 } };
    await assertConflict(store.write(attempt), 'b');
    const found = await store.read(['a', 'b', 'c', 'd']);
    assert.deepEqual(Object.fromEntries(Object.entries(found).map(([k, item]) => [k, item.v])), {
      a: 1,
      b: 'changed',
      c: 1,
    });
    assert.equal(await eTagOf('a'), a);
    await store.write({ a: { v: 3, eTag: a }, c: { v: 3, eTag: '*' }, d: { v: 3 } });
    assert.deepEqual(Object.keys(await store.read(['a', 'c', 'd'])).sort(), ['a', 'c', 'd']);
  });

  it('deletes keys, ignores missing ones and keeps the others', async () => {
    await store.write({ a: { v: 1 }, b: { v: 1 }, c: { v: 1 } });
    await store.delete(['a', 'c', 'never-there']);
    assert.deepEqual(Object.keys(await store.read(['a', 'b', 'c'])), ['b']);
    await store.delete([]);
  });

  it('keeps awkward keys apart: / : ? # % spaces é 🎉, dots, empty and long keys', async () => {
    const changes: StoreItems = {};
    AWKWARD_KEYS.forEach((key, i) => (changes[key] = { i }));
    await store.write(changes);
    const found = await store.read([...AWKWARD_KEYS]);
    assert.deepEqual(
      AWKWARD_KEYS.map((key) => found[key]?.i),
      AWKWARD_KEYS.map((_, i) => i),
    );
    await store.delete(AWKWARD_KEYS.filter((_, i) => i % 2 === 0));
    const left = await store.read([...AWKWARD_KEYS]);
    assert.deepEqual(Object.keys(left).sort(), AWKWARD_KEYS.filter((_, i) => i % 2 === 1).sort());
  });

  it('keeps non-ASCII values intact (French, emoji, CJK, control characters), up to about 1 MB', async () => {
    const value = {
      fr: 'Mise à jour de sécurité cumulative : « élevée » — déjà appliquée ?',
      emoji: '🎉🔒✅ 👩🏽‍💻',
      cjk: '安全更新プログラム',
      control: 'tab\tnewline\nnul\u0000end',
      quotes: 'he said "hi" \\ back',
      big: 'Sécurité 🎉 KB5034441 '.repeat(45_000),
    };
    assert.ok(Buffer.byteLength(value.big) > 1_000_000);
    await store.write({ 'é🎉': value });
    const { eTag, ...read } = (await store.read(['é🎉']))['é🎉'];
    assert.ok(eTag);
    assert.deepEqual(read, value);
  });

  it('creates a key only if it is absent', async () => {
    assert.equal(await store.create('k', { v: 1 }), true);
    assert.equal(await store.create('k', { v: 2 }), false);
    assert.equal((await store.read(['k'])).k.v, 1);
    await store.delete(['k']);
    assert.equal(await store.create('k', { v: 3, eTag: 'ignored' }), true);
    assert.equal((await store.read(['k'])).k.v, 3);
    assert.equal(await store.create('a//b', { v: 'ab' }), true);
    assert.equal(await store.create('a/b', { v: 'a-b' }), true);
  });

  it('lets exactly one of 20 concurrent creates of a key win, and keeps its value', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.create('race', { winner: i })));
    const winners = results.flatMap((created, i) => (created ? [i] : []));
    assert.equal(winners.length, 1, `winners: ${winners.join(', ')}`);
    assert.equal((await store.read(['race'])).race.winner, winners[0]);
  });

  it('refuses every call once closed', async () => {
    await store.write({ k: { v: 1 } });
    await store.close();
    const calls = [() => store.read(['k']), () => store.write({ k: { v: 2 } }), () => store.delete(['k'])];
    for (const call of [...calls, () => store.create('n', { v: 1 })]) await assert.rejects(call());
  });

  describe('leases', () => {
    let now: number;
    const owner = (name: string): Leases => new Leases(store, name, () => now);
    beforeEach(() => {
      now = 1_700_000_000_000;
    });

    it('gives a key, new or released, to exactly one of 12 owners acquiring it at once', async () => {
      const race = async (round: number) => {
        const owners = Array.from({ length: 12 }, (_, i) => owner(`instance-${round}-${i}`));
        const held = (await Promise.all(owners.map((o) => o.acquire('poll:slot', 60_000)))).filter(
          (l) => l !== undefined,
        );
        assert.equal(held.length, 1);
        assert.equal(held[0].record.owner, (await store.read(['poll:slot']))['poll:slot'].owner);
        return held[0];
      };
      const first = await race(0);
      assert.equal(await owner(first.record.owner).release(first), true);
      await race(1);
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
  });
}
