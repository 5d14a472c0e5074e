// WatchStore (src/alerts/watches.ts) on MemoryStore: watch, unwatch, list, the poller's WatchList, audit.
import assert from 'node:assert/strict';
import sinon from 'sinon';
import { alertStores, channelFacts, CHANNEL_ID, logRecords, TEST_TENANT_ID as TENANT } from '../support/alerts';

const MEGAN = { aadObjectId: '7faf80bb-fa44-4f8b-9b0a-ea0f86d2d08b', name: 'Megan Bowen' };
const ADELE = { aadObjectId: '2b1c0d9e-8f7a-4b6c-9d5e-4f3a2b1c0d9e', name: 'Adele Vance' };
const CHAT = '19:2c6fa6ee4e9a4d1d9ae2f9b2d6f3fb3c@thread.v2';

describe('WatchStore', () => {
  afterEach(() => sinon.restore());

  it('adds a watch once, then says who already added it', async () => {
    const { watches } = alertStores();
    const added = await watches.watch(CHANNEL_ID, 'microsoft-_-edge', MEGAN, TENANT);
    assert.equal(added.status, 'added');
    const again = await watches.watch(CHANNEL_ID, 'microsoft-_-edge', ADELE, TENANT);
    assert.deepEqual(again, {
      status: 'already',
      watch: {
        softwareId: 'microsoft-_-edge',
        conversationId: CHANNEL_ID,
        addedBy: MEGAN,
        addedAt: '2026-03-10T09:00:00.000Z',
        tenantId: TENANT,
      },
    });
    assert.equal((await watches.list(CHANNEL_ID, TENANT)).length, 1);
  });

  it('refuses a watch beyond the per-conversation limit, but not in another conversation', async () => {
    const { watches } = alertStores({ max: 2 });
    await watches.watch(CHANNEL_ID, 'microsoft-_-edge', MEGAN, TENANT);
    await watches.watch(CHANNEL_ID, 'google-_-chrome', MEGAN, TENANT);
    assert.deepEqual(await watches.watch(CHANNEL_ID, 'mozilla-_-firefox', MEGAN, TENANT), {
      status: 'limit',
      limit: 2,
      scope: 'conversation',
    });
    assert.equal((await watches.watch(CHAT, 'mozilla-_-firefox', MEGAN, TENANT)).status, 'added');
    assert.equal((await watches.watch(CHANNEL_ID, 'microsoft-_-edge', MEGAN, TENANT)).status, 'already');
  });

  it('caps the watches of a tenant and of one user, other tenants and users unaffected', async () => {
    const { watches } = alertStores({ maxPerTenant: 3, maxPerUser: 2 });
    const OTHER = '11111111-2222-4333-8444-555555555555';
    await watches.watch(CHANNEL_ID, 'a-_-1', MEGAN, TENANT);
    await watches.watch(CHAT, 'a-_-2', MEGAN, TENANT);
    assert.deepEqual(await watches.watch(CHAT, 'a-_-3', MEGAN, TENANT), { status: 'limit', limit: 2, scope: 'user' });
    assert.equal((await watches.watch(CHAT, 'a-_-3', ADELE, TENANT)).status, 'added');
    assert.deepEqual(await watches.watch(CHAT, 'a-_-4', ADELE, TENANT), { status: 'limit', limit: 3, scope: 'tenant' });
    assert.equal((await watches.watch('19:b@thread.tacv2', 'a-_-4', MEGAN, OTHER)).status, 'added');
  });

  it('stores a watch only after its confirmation, which a cap spares and a failure refuses', async () => {
    const { watches } = alertStores({ maxPerUser: 1 });
    const confirmed: string[] = [];
    const confirm = (id: string) => () => {
      confirmed.push(id);
      return id === 'bad-_-id' ? Promise.reject(new Error('forbidden')) : Promise.resolve();
    };
    await assert.rejects(watches.watch(CHANNEL_ID, 'bad-_-id', MEGAN, TENANT, confirm('bad-_-id')), /forbidden/);
    assert.equal((await watches.watch(CHANNEL_ID, 'a-_-1', MEGAN, TENANT, confirm('a-_-1'))).status, 'added');
    assert.equal((await watches.watch(CHANNEL_ID, 'a-_-2', MEGAN, TENANT, confirm('a-_-2'))).status, 'limit');
    assert.equal((await watches.watch(CHANNEL_ID, 'a-_-1', MEGAN, TENANT, confirm('a-_-1'))).status, 'already');
    assert.deepEqual(confirmed, ['bad-_-id', 'a-_-1'], 'no Defender read for a watch that cannot be added');
    assert.deepEqual(
      (await watches.list(CHANNEL_ID, TENANT)).map((w) => w.softwareId),
      ['a-_-1'],
    );
  });

  it('lists watches in id order with their tenant’s last check; the poller polls an id once per tenant, active conversations only', async () => {
    const { watches, conversations } = alertStores();
    const OTHER = '11111111-2222-4333-8444-555555555555';
    await conversations.upsert(channelFacts());
    await conversations.upsert(channelFacts({ id: CHAT, kind: 'groupChat', teamId: undefined, tenantId: OTHER }));
    await watches.watch(CHANNEL_ID, 'microsoft-_-edge', MEGAN, TENANT);
    await watches.watch(CHANNEL_ID, 'google-_-chrome', ADELE, TENANT);
    await watches.watch(CHAT, 'microsoft-_-edge', ADELE, OTHER);
    await watches.watch('a:unknown-conversation', 'mozilla-_-firefox', ADELE, TENANT);
    assert.deepEqual(await watches.watchedSoftware(), [
      { tenantId: OTHER, softwareId: 'microsoft-_-edge' },
      { tenantId: TENANT, softwareId: 'google-_-chrome' },
      { tenantId: TENANT, softwareId: 'microsoft-_-edge' },
    ]);
    const check = { checkedAt: '2026-03-10T10:00:00.000Z', ok: true, kbs: 9 };
    await watches.recordCheck({ tenantId: TENANT, softwareId: 'microsoft-_-edge' }, check);
    assert.equal((await watches.list(CHAT, OTHER))[0].lastCheck, undefined, 'no count of another tenant');
    const listed = await watches.list(CHANNEL_ID, TENANT);
    assert.deepEqual(
      listed.map((w) => [w.softwareId, w.lastCheck]),
      [
        ['google-_-chrome', undefined],
        ['microsoft-_-edge', check],
      ],
    );
    assert.deepEqual(await watches.lastCheck({ tenantId: TENANT, softwareId: 'microsoft-_-edge' }), check);
    assert.deepEqual(
      (await watches.watchersOf('microsoft-_-edge')).map((w) => w.conversationId).sort(),
      [CHANNEL_ID, CHAT].sort(),
    );
    await conversations.markInactive(CHAT, 'BotNotInConversationRoster');
    assert.deepEqual(
      (await watches.watchedSoftware()).map((t) => t.softwareId),
      ['google-_-chrome', 'microsoft-_-edge'],
    );
  });

  it('removes a watch (absent the second time), keeping who changed what and when: history in the index, one audit item per change, and log lines with ids only', async () => {
    const { watches, memory, logs, clock } = alertStores();
    const create = sinon.spy(memory, 'create');
    await watches.watch(CHANNEL_ID, 'microsoft-_-edge', MEGAN, TENANT);
    clock.advance(10);
    const removed = await watches.unwatch(CHANNEL_ID, 'microsoft-_-edge', ADELE);
    assert.deepEqual(
      [removed.status, removed.status === 'removed' && removed.at],
      ['removed', '2026-03-10T09:10:00.000Z'],
    );
    assert.deepEqual(await watches.list(CHANNEL_ID, TENANT), []);
    assert.deepEqual(await watches.unwatch(CHANNEL_ID, 'microsoft-_-edge', ADELE), { status: 'absent' });
    const history = await watches.history();
    assert.deepEqual(
      history.map((h) => [h.action, h.softwareId, h.actor.name, h.at]),
      [
        ['added', 'microsoft-_-edge', 'Megan Bowen', '2026-03-10T09:00:00.000Z'],
        ['removed', 'microsoft-_-edge', 'Adele Vance', '2026-03-10T09:10:00.000Z'],
      ],
    );
    const auditKeys = create.args.map(([key]) => key).filter((key) => key.startsWith('audit/watch/'));
    assert.equal(auditKeys.length, 2);
    const audit = await memory.read(auditKeys);
    assert.deepEqual(
      Object.values(audit).map((a) => [
        a.action,
        a.softwareId,
        a.conversationId,
        (a.actor as { aadObjectId: string }).aadObjectId,
      ]),
      [
        ['added', 'microsoft-_-edge', CHANNEL_ID, MEGAN.aadObjectId],
        ['removed', 'microsoft-_-edge', CHANNEL_ID, ADELE.aadObjectId],
      ],
    );
    const records = logRecords(logs).filter((r) => String(r.msg).startsWith('alerts.watch_'));
    assert.deepEqual(
      records.map((r) => [r.msg, r.softwareId, r.conversationId, r.userId]),
      [
        ['alerts.watch_added', 'microsoft-_-edge', CHANNEL_ID, MEGAN.aadObjectId],
        ['alerts.watch_removed', 'microsoft-_-edge', CHANNEL_ID, ADELE.aadObjectId],
      ],
    );
    assert.ok(!logs.join('\n').includes('Megan Bowen'), 'names stay out of the logs');
  });

  it('loses no watch when two instances add 30 watches at the same moment', async () => {
    const first = alertStores({ max: 100 });
    const second = alertStores({ memory: first.memory, max: 100 });
    const ids = Array.from({ length: 30 }, (_, i) => `vendor${i}-_-product`);
    // The index exists: every writer reads the same version and all but one must retry.
    await first.watches.watch(CHAT, 'seed-_-product', MEGAN, TENANT);
    await first.watches.unwatch(CHAT, 'seed-_-product', MEGAN);
    const outcomes = await Promise.all(
      ids.map((id, i) => (i % 2 ? first : second).watches.watch(i % 3 ? CHANNEL_ID : CHAT, id, MEGAN, TENANT)),
    );
    assert.ok(outcomes.every((o) => o.status === 'added'));
    const listed = [...(await first.watches.list(CHANNEL_ID, TENANT)), ...(await second.watches.list(CHAT, TENANT))];
    assert.deepEqual(listed.map((w) => w.softwareId).sort(), [...ids].sort());
    assert.equal((await first.watches.history()).length, 32);
  });

  it('never exceeds the limit when two instances race for the last place', async () => {
    const first = alertStores({ max: 3 });
    const second = alertStores({ memory: first.memory, max: 3 });
    await first.watches.watch(CHANNEL_ID, 'a-_-1', MEGAN, TENANT);
    await first.watches.watch(CHANNEL_ID, 'a-_-2', MEGAN, TENANT);
    const outcomes = await Promise.all([
      first.watches.watch(CHANNEL_ID, 'b-_-1', MEGAN, TENANT),
      second.watches.watch(CHANNEL_ID, 'b-_-2', ADELE, TENANT),
    ]);
    assert.deepEqual(outcomes.map((o) => o.status).sort(), ['added', 'limit']);
    assert.equal((await first.watches.list(CHANNEL_ID, TENANT)).length, 3);
  });
});
