/**
 * Real bot processes (`node dist/src/index.js`, demo mode, polling every 5 s) with one fake Bot Connector and
 * one fake Defender. Several instances: two processes on one Azurite Blob container, both polling the same
 * watched id, post one summary per watching channel, then exactly one alert per change however many rounds
 * both run. A restart: a new process on the same DATA_DIR (SQLite) knows the conversation, the watch and the
 * baseline: an unchanged Defender posts nothing, one change posts exactly one alert, `watching` shows the check.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  type BotProcesses,
  cardsTo,
  moreRounds,
  postTo,
  rounds,
  useProcessWorld,
  waitForCards,
} from '../support/alertProcesses';
import { startAzurite } from '../support/azurite';
import type { BotProcess } from '../support/botProcess';
import type { FakeConnector } from '../support/fakeConnector';
import { odata, type FakeDefender } from '../support/fakeDefender';
import { EDGE, kbItem } from '../support/defenderClient';
import { cardOf, cardText } from '../support/harness';
import { waitFor } from '../support/http';
import { channelMessage, newTeam, teamEvent, type TestTeam } from '../support/teamsEvents';
import { useTempDir } from '../support/tempDir';

describe('alerts from real bot processes', function () {
  this.timeout(60_000);
  const dataDir = useTempDir('restart');
  const world = useProcessWorld();
  let processes: BotProcesses;
  let defender: FakeDefender;
  let connector: FakeConnector;

  beforeEach(() => {
    ({ defender, connector, processes } = world());
    defender.script(EDGE, { body: odata([kbItem('5001', { machineMissedOn: 10 })]) });
  });

  /** Installs the bot in the team's channel and watches EDGE there through `bot`; waits for welcome and summary. */
  async function watchFrom(bot: BotProcess, team: TestTeam): Promise<void> {
    assert.equal(await postTo(bot, teamEvent('installation-update-add', team, connector.serviceUrl)), 200);
    assert.equal(await postTo(bot, channelMessage(team, connector.serviceUrl, `/missingkbs watch ${EDGE}`)), 200);
    const [welcome, summary] = await waitForCards(connector, team.channelId, 2);
    assert.match(welcome, /Hello! I find missing security updates/);
    assert.match(summary, /Now watching this software/);
  }

  /** Scripts one more missing KB in Defender and waits for its alert in each channel. */
  async function oneChange(channels: string[]): Promise<void> {
    defender.script(EDGE, {
      body: odata([kbItem('5001', { machineMissedOn: 10 }), kbItem('5002', { machineMissedOn: 4 })]),
    });
    for (const channel of channels) {
      const cards = await waitForCards(connector, channel, 3);
      assert.match(cards[2], /New missing security updates[\s\S]*KB5002/);
    }
  }

  it('two processes on one Azurite container: one summary, then one alert per watching channel', async () => {
    const azurite = await startAzurite();
    try {
      const shared = {
        DEFENDER_API_BASE_URL: defender.url,
        STORAGE: 'blob',
        BLOB_CONNECTION_STRING: azurite.connectionString,
        BLOB_CONTAINER: `missingkbs-two-${randomBytes(4).toString('hex')}`,
      };
      const [one, two] = await Promise.all([
        processes.spawn({ ...shared, DEFENDER_DEV_TOKEN: 'dev-token-one' }),
        processes.spawn({ ...shared, DEFENDER_DEV_TOKEN: 'dev-token-two' }),
      ]);
      const teams = [newTeam(), newTeam()];
      await Promise.all([watchFrom(one, teams[0]), watchFrom(two, teams[1])]);
      const channels = teams.map((t) => t.channelId);
      await Promise.all([moreRounds(one, 1), moreRounds(two, 1)]);
      await oneChange(channels);
      await Promise.all([moreRounds(one, 2), moreRounds(two, 2)]);
      for (const channel of channels) {
        const cards = cardsTo(connector, channel);
        assert.equal(cards.length, 3, cards.join('\n---\n'));
        assert.equal(cards.filter((c) => /Now watching this software/.test(c)).length, 1, 'one summary');
        assert.equal(cards.filter((c) => /New missing security updates/.test(c)).length, 1, 'one alert');
      }
      for (const bot of [one, two]) {
        assert.ok(rounds(bot).all >= 3, 'both processes kept polling');
        assert.match(bot.output(), /"msg":"alerts\.round".*"watched":1/, 'both poll the watched id');
      }
      assert.equal(await processes.stop(one), 0, one.output());
      assert.equal(await processes.stop(two), 0, two.output());
    } finally {
      await azurite.stop();
    }
  });

  it('a restart on SQLite keeps the conversation, the watch and the baseline: one alert, no second summary', async () => {
    const env = { DEFENDER_API_BASE_URL: defender.url, DEFENDER_DEV_TOKEN: 'dev-token', DATA_DIR: dataDir() };
    const team = newTeam();
    const first = await processes.spawn(env);
    await watchFrom(first, team);
    assert.equal(await processes.stop(first), 0, first.output());
    const before = connector.messages().length;

    const second = await processes.spawn(env);
    await moreRounds(second, 1, 'polled', { all: 0, polled: 0 });
    assert.equal(connector.messages().length, before, 'an unchanged Defender posts nothing: no second summary');
    await oneChange([team.channelId]);
    await moreRounds(second, 1, 'polled');
    assert.equal(cardsTo(connector, team.channelId).length, 3, 'exactly one alert');

    const list = channelMessage(team, connector.serviceUrl, '/missingkbs watching');
    assert.equal(await postTo(second, list), 200);
    const reply = await waitFor(() => connector.messages().find((m) => m.activity.replyToId === list.id));
    const text = cardText(cardOf(reply.activity));
    assert.ok(text.includes(EDGE) && text.includes('Last check'), text);
    assert.ok(!text.includes('Not checked yet'), text);
    assert.ok(rounds(second).polled >= 2);
    assert.equal(await processes.stop(second), 0, second.output());
  });
});
