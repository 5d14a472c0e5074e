// updateItem (src/alerts/optimistic.ts): read-modify-write that never loses a concurrent change.
import assert from 'node:assert/strict';
import sinon from 'sinon';
import { updateItem } from '../../src/storage/optimistic';
import { isAppError } from '../../src/errors';
import { MemoryStore } from '../../src/storage/memory';
import { ConflictError } from '../../src/storage/items';

const noPause = (): Promise<void> => Promise.resolve();

describe('updateItem', () => {
  let store: MemoryStore;
  beforeEach(() => (store = new MemoryStore()));
  afterEach(() => sinon.restore());

  it('writes nothing when the change returns undefined', async () => {
    await store.write({ k: { n: 1 } });
    const before = (await store.read(['k'])).k.eTag;
    const result = await updateItem<{ n: number }>(store, 'k', () => undefined);
    assert.equal(result?.n, 1);
    assert.equal((await store.read(['k'])).k.eTag, before);
  });

  it('retries on fresh data after losing a race, keeping both changes', async () => {
    await store.write({ k: { items: [] } });
    let raced = false;
    await updateItem<{ items: string[] }>(
      store,
      'k',
      (c) => {
        if (!raced) {
          raced = true;
          // Another instance writes between our read and our write.
          void store.write({ k: { items: ['theirs'] } });
        }
        return { items: [...(c?.items ?? []), 'ours'] };
      },
      { pause: noPause },
    );
    assert.deepEqual((await store.read(['k'])).k.items, ['theirs', 'ours']);
  });

  it('retries a create that another writer won', async () => {
    const create = sinon.stub(store, 'create').callsFake(async (key) => {
      create.restore();
      await store.write({ [key]: { items: ['first'] } });
      return false;
    });
    await updateItem<{ items: string[] }>(store, 'k', (c) => ({ items: [...(c?.items ?? []), 'second'] }), {
      pause: noPause,
    });
    assert.deepEqual((await store.read(['k'])).k.items, ['first', 'second']);
  });

  it('gives up with an AppError after the allowed attempts', async () => {
    await store.write({ k: { n: 1 } });
    sinon.stub(store, 'write').rejects(new ConflictError('k'));
    await assert.rejects(
      updateItem<{ n: number }>(store, 'k', () => ({ n: 2 }), { attempts: 3, pause: noPause }),
      (err: unknown) => isAppError(err) && err.code === 'internal',
    );
  });

  it('lets other storage errors through', async () => {
    await store.write({ k: { n: 1 } });
    sinon.stub(store, 'write').rejects(new Error('disk full'));
    await assert.rejects(
      updateItem<{ n: number }>(store, 'k', () => ({ n: 2 })),
      /disk full/,
    );
  });
});
