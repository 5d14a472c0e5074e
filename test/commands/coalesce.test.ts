// src/commands/coalesce.ts: one user's identical lookups in flight share one call; users never share.
import assert from 'node:assert/strict';
import { InFlight, oneCallPerUser } from '../../src/commands/coalesce';
import type { RequestContext } from '../../src/commands/types';

const request = (userId?: string, tenantId = 'tenant-1'): RequestContext => ({
  conversationType: 'personal',
  tenantId,
  userId,
});

/** oneCallPerUser over a source that records its calls and answers (with the asking user) once released. */
function gated(): { source: ReturnType<typeof oneCallPerUser>; calls: string[]; release: () => void } {
  const calls: string[] = [];
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const source = oneCallPerUser(async (softwareId, r) => {
    calls.push(`${r.userId}:${softwareId}`);
    await gate;
    return { softwareId: `${softwareId} for ${r.userId}`, kbs: [], skipped: 0, pages: 1, complete: true };
  });
  return { source, calls, release: () => release() };
}

describe('oneCallPerUser', () => {
  it('makes one call for a burst of the same lookup by one user, and every caller gets the answer', async () => {
    const { source, calls, release } = gated();
    const answers = Array.from({ length: 20 }, () => source('microsoft-_-edge', request('Alice')));
    release();
    const results = await Promise.all(answers);
    assert.deepEqual(calls, ['Alice:microsoft-_-edge']);
    assert.ok(results.every((r) => r.softwareId === 'microsoft-_-edge for Alice'));
  });

  it('never shares between users, tenants or software ids, nor when Teams did not say who asked', async () => {
    const { source, calls, release } = gated();
    const answers = [
      source('microsoft-_-edge', request('alice')),
      source('microsoft-_-edge', request('bob')),
      source('microsoft-_-edge', request('alice', 'tenant-2')),
      source('google-_-chrome', request('alice')),
      source('microsoft-_-edge', request()),
      source('microsoft-_-edge', request()),
    ];
    release();
    const results = await Promise.all(answers);
    assert.equal(calls.length, 6);
    assert.equal(results[1].softwareId, 'microsoft-_-edge for bob');
  });
});

describe('InFlight', () => {
  it('shares a failure with every waiting caller, then forgets the key', async () => {
    const inFlight = new InFlight<number>();
    let calls = 0;
    const fail = (): Promise<number> => {
      calls++;
      return Promise.reject(new Error('boom'));
    };
    const outcomes = await Promise.allSettled([inFlight.run('k', fail), inFlight.run('k', fail)]);
    const statuses = outcomes.map((o) => o.status);
    assert.deepEqual(statuses, ['rejected', 'rejected']);
    assert.equal(calls, 1);
    assert.equal(inFlight.size, 0);
    assert.deepEqual(inFlight.stats(), { size: 0 });
  });
});
