// Unit tests for src/commands/coalesce.ts: one user's identical lookups in flight share one call; users never share.
import assert from 'node:assert/strict';
import { InFlight, oneCallPerUser } from '../../src/commands/coalesce';
import type { RequestContext } from '../../src/commands/types';
import type { MissingKbsResult } from '../../src/defender/types';

const TENANT = 'tenant-1';

function request(userId?: string, tenantId = TENANT): RequestContext {
  return { conversationType: 'personal', tenantId, userId };
}

/** A source that counts calls and answers when told to, with the asking user in the result. */
function gatedSource(): {
  source: (id: string, r: RequestContext) => Promise<MissingKbsResult>;
  calls: string[];
  release: () => void;
} {
  const calls: string[] = [];
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (open = resolve));
  return {
    calls,
    release: () => open(),
    source: async (softwareId, r) => {
      calls.push(`${r.userId}:${softwareId}`);
      await gate;
      return { softwareId: `${softwareId} for ${r.userId}`, kbs: [], skipped: 0, pages: 1, complete: true };
    },
  };
}

describe('oneCallPerUser', () => {
  it('makes one call for a burst of the same lookup by one user, and every caller gets the answer', async () => {
    const fake = gatedSource();
    const source = oneCallPerUser(fake.source);
    const answers = Array.from({ length: 20 }, () => source('microsoft-_-edge', request('Alice')));
    fake.release();
    const results = await Promise.all(answers);
    assert.deepEqual(fake.calls, ['Alice:microsoft-_-edge']);
    assert.ok(results.every((r) => r.softwareId === 'microsoft-_-edge for Alice'));
  });

  it('never shares between users, tenants or software ids', async () => {
    const fake = gatedSource();
    const source = oneCallPerUser(fake.source);
    const answers = [
      source('microsoft-_-edge', request('alice')),
      source('microsoft-_-edge', request('bob')),
      source('microsoft-_-edge', request('alice', 'tenant-2')),
      source('google-_-chrome', request('alice')),
    ];
    fake.release();
    const results = await Promise.all(answers);
    assert.equal(fake.calls.length, 4);
    assert.equal(results[1].softwareId, 'microsoft-_-edge for bob');
  });

  it('does not share when Teams did not say who asked', async () => {
    const fake = gatedSource();
    const source = oneCallPerUser(fake.source);
    const answers = [source('microsoft-_-edge', request()), source('microsoft-_-edge', request())];
    fake.release();
    await Promise.all(answers);
    assert.equal(fake.calls.length, 2);
  });

  it('calls again once the first lookup has finished', async () => {
    const fake = gatedSource();
    fake.release();
    const source = oneCallPerUser(fake.source);
    await source('microsoft-_-edge', request('alice'));
    await source('microsoft-_-edge', request('alice'));
    assert.equal(fake.calls.length, 2);
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
    assert.deepEqual(
      outcomes.map((o) => o.status),
      ['rejected', 'rejected'],
    );
    assert.equal(calls, 1);
    assert.equal(inFlight.size, 0);
  });
});
