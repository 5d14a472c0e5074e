// WatchCommands (src/alerts/watchCommands.ts): who may change watches, the next check, failures as cards.
import assert from 'node:assert/strict';
import sinon from 'sinon';
import { WatchCommands } from '../../src/watches/commands';
import type { RequestContext } from '../../src/commands/types';
import { alertStores, channelFacts, CHANNEL_ID, logRecords } from '../support/alerts';
import { allText } from '../support/cards';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const REQUEST: RequestContext = {
  conversationType: 'channel',
  tenantId: TENANT.toUpperCase(),
  userId: '7faf80bb-fa44-4f8b-9b0a-ea0f86d2d08b',
  userName: 'Megan Bowen',
  conversationId: CHANNEL_ID,
  locale: 'en',
};

/** The commands over fresh stores that know the test channel (as Teams' first message records it). */
async function setup(options: ConstructorParameters<typeof WatchCommands>[3] = {}, caps = {}) {
  const stores = alertStores(caps);
  await stores.conversations.upsert(channelFacts());
  const commands = new WatchCommands(stores.watches, stores.conversations, stores.logger, {
    clock: stores.clock.now,
    ...options,
  });
  return { ...stores, commands };
}

describe('WatchCommands', () => {
  afterEach(() => sinon.restore());

  it('lets users of an allowed tenant watch, and names the conversation as stored', async () => {
    const { commands, conversations, watches } = await setup({ allowedTenants: [TENANT] });
    await conversations.upsert(channelFacts({ name: 'SOC alerts' }));
    const card = await commands.handle({ kind: 'watch', softwareId: 'microsoft-_-edge' }, REQUEST);
    assert.ok(allText(card).includes('Now watching microsoft-_-edge'));
    assert.ok(allText(card).includes('SOC alerts'));
    const again = await commands.handle({ kind: 'watch', softwareId: 'microsoft-_-edge' }, REQUEST);
    assert.ok(allText(again).includes('Already watching microsoft-_-edge'), allText(again));
    const absent = await commands.handle({ kind: 'unwatch', softwareId: 'contoso-_-nothing' }, REQUEST);
    assert.ok(allText(absent).includes('Not watching contoso-_-nothing'), allText(absent));
    assert.deepEqual(
      (await watches.list(CHANNEL_ID, TENANT)).map((w) => [w.softwareId, w.addedBy]),
      [['microsoft-_-edge', { aadObjectId: REQUEST.userId, name: 'Megan Bowen' }]],
    );
  });

  it('refuses watch and unwatch to other tenants, but shows them the list', async () => {
    const { commands, watches, logs } = await setup({ allowedTenants: [TENANT] });
    await watches.watch(CHANNEL_ID, 'microsoft-_-edge', {}, TENANT);
    const other = { ...REQUEST, tenantId: '11111111-2222-4333-8444-555555555555' };
    for (const kind of ['watch', 'unwatch'] as const) {
      const card = await commands.handle({ kind, softwareId: 'microsoft-_-edge' }, other);
      assert.ok(allText(card).includes('Not available in your organisation'), kind);
    }
    const noTenant = await commands.handle(
      { kind: 'watch', softwareId: 'google-_-chrome' },
      { ...REQUEST, tenantId: undefined },
    );
    assert.ok(allText(noTenant).includes('Not available in your organisation'));
    assert.equal((await watches.list(CHANNEL_ID, TENANT)).length, 1);
    assert.ok(allText(await commands.handle({ kind: 'watching' }, other)).includes('microsoft-_-edge'));
    assert.equal(logRecords(logs).filter((r) => r.msg === 'alerts.watch_refused').length, 3);
  });

  it('lets everybody change watches in demo mode, up to their cap', async () => {
    const { commands } = await setup({}, { maxPerUser: 1 });
    const demo = { ...REQUEST, tenantId: undefined };
    assert.ok(
      allText(await commands.handle({ kind: 'watch', softwareId: 'microsoft-_-edge' }, demo)).includes('Now watching'),
    );
    const capped = await commands.handle({ kind: 'watch', softwareId: 'google-_-chrome' }, demo);
    assert.ok(allText(capped).includes('Your watch limit is reached'), allText(capped));
  });

  it('gives the next check one interval after the last check, or after now when never checked or overdue', async () => {
    const { commands, watches, clock } = await setup({ pollMinutes: 60 });
    const first = await commands.handle({ kind: 'watch', softwareId: 'microsoft-_-edge' }, REQUEST);
    assert.ok(allText(first).includes('by Mar 10, 2026, 10:00 AM UTC'));
    await watches.recordCheck(
      { tenantId: TENANT, softwareId: 'google-_-chrome' },
      { checkedAt: '2026-03-10T08:30:00Z', ok: true, kbs: 0 },
    );
    const checked = await commands.handle({ kind: 'watch', softwareId: 'google-_-chrome' }, REQUEST);
    assert.ok(allText(checked).includes('by Mar 10, 2026, 9:30 AM UTC'));
    clock.advance(120);
    const overdue = await commands.handle({ kind: 'unwatch', softwareId: 'google-_-chrome' }, REQUEST);
    assert.ok(!allText(overdue).includes('Next check'));
    await watches.recordCheck(
      { tenantId: TENANT, softwareId: 'mozilla-_-firefox' },
      { checkedAt: '2026-03-10T08:30:00Z', ok: true, kbs: 0 },
    );
    const late = await commands.handle({ kind: 'watch', softwareId: 'mozilla-_-firefox' }, REQUEST);
    assert.ok(allText(late).includes('by Mar 10, 2026, 12:00 PM UTC'));
  });

  it('answers in the language of the message', async () => {
    const { commands } = await setup();
    const card = await commands.handle({ kind: 'watching' }, { ...REQUEST, locale: 'fr' });
    assert.ok(allText(card).includes('Rien n’est encore surveillé dans ce canal.'));
  });

  it('turns a storage failure into the error card and a log line', async () => {
    const { commands, memory, logs } = await setup();
    sinon.stub(memory, 'read').rejects(new Error('disk gone'));
    const card = await commands.handle({ kind: 'watch', softwareId: 'microsoft-_-edge' }, REQUEST);
    assert.ok(allText(card).includes('Something went wrong'));
    assert.ok(logRecords(logs).some((r) => r.msg === 'alerts.watch_failed' && r.level === 'error'));
  });
});
