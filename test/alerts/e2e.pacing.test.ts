/**
 * Teams' send limits end to end: a round of 100 alerts to one channel, through the real server and
 * CloudAdapter, against a fake Bot Connector that checks the documented limits on arrival and
 * answers 412 once. Time is virtual (the pacer's and the fake's clock): waits take no real time.
 */
import assert from 'node:assert/strict';
import { teamsSendPacer } from '../../src/pacing/teams';
import { FakeDirectory, FakeWatchList } from '../support/alertFakes';
import { kbItem } from '../support/defenderClient';
import { DOCUMENTED_LIMITS } from '../support/fakeConnector/sendLimits';
import { FakeDefender, odata } from '../support/fakeDefender';
import { cardOf, startBot, type RunningBot } from '../support/harness';
import { VirtualClock } from '../support/virtualClock';

const CHANNEL = '19:soc@thread.tacv2';
const IDS = Array.from({ length: 100 }, (_, i) => `contoso-_-app_${String(i).padStart(3, '0')}`);

describe('alerts end to end: Teams send limits', () => {
  let defender: FakeDefender;
  let bot: RunningBot;

  beforeEach(async () => {
    defender = await FakeDefender.start();
    for (const id of IDS) defender.script(id, { body: odata([kbItem('5001', { machineMissedOn: 10 })]) });
  });
  afterEach(async () => {
    await bot?.stop();
    await defender.close();
  });

  it('delivers a round of 100 alerts to one channel exactly once each, within the limits, past one 412', async function () {
    this.timeout(60_000);
    const clock = new VirtualClock();
    const watches = new FakeWatchList();
    const directory = new FakeDirectory();
    bot = await startBot(
      {
        DEFENDER_API_BASE_URL: defender.url,
        DEFENDER_DEV_TOKEN: 'dev-token-alerts',
        DEFENDER_CALLS_PER_MINUTE: '100000',
        DEFENDER_CALLS_PER_HOUR: '1000000',
      },
      {
        sendPacer: teamsSendPacer({ clock }),
        alerts: {
          watches,
          conversations: directory,
          pollIntervalMs: 3_600_000,
          timing: { firstDelayMs: 0, paceMs: 0, jitter: 0 },
          delivery: { backoffMs: 5 },
        },
      },
    );
    bot.connector.enforceLimits({
      ...DOCUMENTED_LIMITS,
      clock: () => clock.now(),
    });
    bot.connector.failConversation(CHANNEL, [{ status: 412, code: 'PreconditionFailed', retryAfter: 0 }]);
    directory.add(CHANNEL, { serviceUrl: bot.connector.serviceUrl });
    const start = clock.now();
    for (const id of IDS) watches.watch(id, CHANNEL);

    const messages = await bot.connector.waitForMessages(100, 40_000);
    assert.deepEqual(bot.connector.overLimit(), [], 'no send over the limits');
    assert.deepEqual(
      bot.connector.failed.map((f) => f.status),
      [412],
    );
    const softwareIds = messages.map((m) => /contoso-_-app_\d{3}/.exec(JSON.stringify(cardOf(m.activity)))?.[0]);
    assert.deepEqual([...softwareIds].sort(), IDS, 'each alert once');
    assert.ok(messages.every((m) => m.conversationId === CHANNEL));
    // 60 in the first 30 s, the other 40 no faster than 8 every 2 s: at least 30 + 8 s.
    assert.ok(clock.now() - start >= 38_000, `the round took ${clock.now() - start} ms of pacing`);
    assert.ok(bot.logs.some((l) => l.includes('"msg":"alerts.send_retry"') && l.includes('"status":412')));
  });
});
