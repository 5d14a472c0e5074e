/**
 * End to end over the real restify server: the poller reads a fake Defender whose data the test
 * changes, and posts through the real CloudAdapter to the fake Bot Connector.
 */
import assert from 'node:assert/strict';
import { FakeDirectory, FakeWatchList } from '../support/alertFakes';
import { edgeKb } from '../support/alertProcesses';
import { FakeDefender, odata } from '../support/fakeDefender';
import { cardOf, cardText, startBot, type RunningBot } from '../support/harness';
import { waitFor } from '../support/http';

const EDGE = 'microsoft-_-edge';
const C1 = '19:c1@thread.tacv2';
const C2 = '19:c2@thread.tacv2';
const C3 = '19:c3@thread.tacv2';

describe('alerts end to end (poller)', () => {
  let defender: FakeDefender;
  let bot: RunningBot;
  let watches: FakeWatchList;
  let directory: FakeDirectory;

  beforeEach(async () => {
    defender = await FakeDefender.start();
    defender.script(EDGE, { body: odata([edgeKb('5001', 10)]) });
    watches = new FakeWatchList();
    directory = new FakeDirectory();
    bot = await startBot(
      { DEFENDER_API_BASE_URL: defender.url, DEFENDER_DEV_TOKEN: 'dev-token-alerts', ALERT_MIN_DEVICE_DELTA: '5' },
      {
        alerts: {
          watches,
          conversations: directory,
          pollIntervalMs: 25,
          timing: { firstDelayMs: 0, paceMs: 0, jitter: 0 },
          delivery: { retries: 1, backoffMs: 5 },
        },
      },
    );
    for (const [id, locale] of [
      [C1, 'en'],
      [C2, 'fr'],
      [C3, 'en'],
    ] as const) {
      directory.add(id, { serviceUrl: bot.connector.serviceUrl, locale });
    }
  });
  afterEach(async () => {
    await bot.stop();
    await defender.close();
  });

  const cardsTo = (id: string): string[] =>
    bot.connector
      .messages()
      .filter((m) => m.conversationId === id)
      .map((m) => cardText(cardOf(m.activity)));
  /** Waits until `n` more checks were recorded (so `n` more rounds ran). */
  const rounds = async (n: number): Promise<void> => {
    const target = watches.checks.length + n;
    await waitFor(() => (watches.checks.length >= target ? true : undefined), 10_000, `${n} more rounds`);
  };

  it('posts one summary per watcher, nothing while Defender is unchanged, then one alert per watcher', async () => {
    watches.watch(EDGE, C1).watch(EDGE, C2);
    await bot.connector.waitForMessages(2);
    await rounds(3);
    assert.equal(bot.connector.messages().length, 2, 'no card while nothing changed');
    assert.match(cardsTo(C1)[0], /Now watching this software/);
    assert.match(cardsTo(C2)[0], /Ce logiciel est désormais surveillé/);
    assert.ok(
      defender.requests.every((r) => r.authorization === 'Bearer dev-token-alerts'),
      'app-only (demo) token',
    );

    defender.script(EDGE, { body: odata([edgeKb('5001', 15), edgeKb('5002', 2)]) });
    await bot.connector.waitForMessages(4);
    await rounds(3);
    assert.equal(bot.connector.messages().length, 4, 'one alert per watcher, once');
    assert.match(cardsTo(C1)[1], /New missing security updates[\s\S]*KB5002[\s\S]*\+5 devices \(10 → 15\)/);
    assert.match(cardsTo(C2)[1], /Nouvelles mises à jour de sécurité manquantes/);
    assert.ok(watches.checks.every((c) => c.softwareId === EDGE && c.result.ok));
  });

  it('marks a 403 target inactive and logs it, while the other watchers still get their card', async () => {
    bot.connector.failConversation(C3, [{ status: 403, code: 'BotNotInConversationRoster' }], { always: true });
    watches.watch(EDGE, C1).watch(EDGE, C3).watch(EDGE, C2);
    await bot.connector.waitForMessages(2);
    await waitFor(() => (directory.inactivated.length > 0 ? true : undefined));
    assert.deepEqual(directory.inactivated, [{ id: C3, reason: 'BotNotInConversationRoster' }]);
    assert.deepEqual(
      bot.connector
        .messages()
        .map((m) => m.conversationId)
        .sort(),
      [C1, C2],
    );
    assert.ok(bot.logs.some((l) => l.includes('"msg":"alerts.target_inactive"') && l.includes(C3)));
    await rounds(2);
    assert.equal(bot.connector.failed.length, 1, 'an inactive target is not tried again');
  });

  it('retries a 429 and a 500 from the Connector and posts the card once', async () => {
    bot.connector.failConversation(C1, [
      { status: 429, code: 'Throttled', retryAfter: 0 },
      { status: 500, code: 'ServiceError' },
    ]);
    watches.watch(EDGE, C1);
    await bot.connector.waitForMessages(1);
    await rounds(3);
    assert.deepEqual(
      bot.connector.failed.map((f) => f.status),
      [429, 500],
    );
    assert.equal(cardsTo(C1).length, 1);
  });
});
