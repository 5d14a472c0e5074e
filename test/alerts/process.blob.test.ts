/**
 * Several instances: two real bot processes (`node dist/src/index.js`, demo mode, polling every 5 s)
 * on one Azurite Blob container, one fake Bot Connector and one fake Defender, both polling the same
 * watched id. One summary per watching channel, then one change in Defender: exactly one alert per
 * watching channel, however many rounds both processes run.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  type BotProcesses,
  cardsTo,
  EDGE,
  edgeKb,
  moreRounds,
  postTo,
  rounds,
  useProcessWorld,
  waitForCards,
} from '../support/alertProcesses';
import { startAzurite, type Azurite } from '../support/azurite';
import type { BotProcess } from '../support/botProcess';
import type { FakeConnector } from '../support/fakeConnector';
import { odata, type FakeDefender } from '../support/fakeDefender';
import { channelMessage, newTeam, teamEvent, type TestTeam } from '../support/teamsEvents';

describe('two bot processes on one Azurite container: exactly one alert', function () {
  this.timeout(60_000);
  const world = useProcessWorld();
  let processes: BotProcesses;
  let azurite: Azurite;
  let defender: FakeDefender;
  let connector: FakeConnector;

  before(async () => {
    azurite = await startAzurite();
  });
  after(async () => {
    await azurite?.stop();
  });
  beforeEach(() => {
    ({ defender, connector, processes } = world());
  });

  /** Installs the bot in the team's channel and watches EDGE there, through `bot`. */
  async function watchFrom(bot: BotProcess, team: TestTeam): Promise<void> {
    assert.equal(await postTo(bot, teamEvent('installation-update-add', team, connector.serviceUrl)), 200);
    assert.equal(await postTo(bot, channelMessage(team, connector.serviceUrl, `/missingkbs watch ${EDGE}`)), 200);
  }

  it('posts one summary, then one alert per watching channel, with both processes polling', async () => {
    defender.script(EDGE, { body: odata([edgeKb('5001', 10)]) });
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
    for (const channel of channels) {
      const [welcome, summary] = await waitForCards(connector, channel, 2);
      assert.match(welcome, /Hello! I find missing security updates/);
      assert.match(summary, /Now watching this software/);
    }
    await Promise.all([moreRounds(one, 1), moreRounds(two, 1)]);

    defender.script(EDGE, { body: odata([edgeKb('5001', 10), edgeKb('5002', 4)]) });
    for (const channel of channels) {
      const cards = await waitForCards(connector, channel, 3);
      assert.match(cards[2], /New missing security updates[\s\S]*KB5002/);
    }
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
  });
});
