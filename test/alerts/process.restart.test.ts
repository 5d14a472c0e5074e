/**
 * SQLite persistence across a real restart: the bot process (`node dist/src/index.js`, demo mode,
 * polling every 5 s) records an install and a watch in a channel and posts the baseline; SIGTERM; a
 * new process on the same DATA_DIR knows the conversation, the watch and the baseline: an unchanged
 * Defender posts nothing, one change posts exactly one alert, and `watching` shows the last check.
 */
import assert from 'node:assert/strict';
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
import type { FakeConnector } from '../support/fakeConnector';
import { odata, type FakeDefender } from '../support/fakeDefender';
import { cardOf, cardText } from '../support/harness';
import { waitFor } from '../support/http';
import { channelMessage, newTeam, teamEvent } from '../support/teamsEvents';
import { useTempDir } from '../support/tempDir';

describe('alerts survive a restart of the process (SQLite in DATA_DIR)', function () {
  this.timeout(60_000);
  const dataDir = useTempDir('restart');
  const world = useProcessWorld();
  let defender: FakeDefender;
  let connector: FakeConnector;
  let processes: BotProcesses;

  beforeEach(() => {
    ({ defender, connector, processes } = world());
  });

  it('keeps the conversation, the watch and the baseline: one alert after the restart, no second summary', async () => {
    defender.script(EDGE, { body: odata([edgeKb('5001', 10)]) });
    const env = { DEFENDER_API_BASE_URL: defender.url, DEFENDER_DEV_TOKEN: 'dev-token', DATA_DIR: dataDir() };
    const team = newTeam();
    const channel = team.channelId;

    const first = await processes.spawn(env);
    assert.equal(await postTo(first, teamEvent('installation-update-add', team, connector.serviceUrl)), 200);
    assert.equal(await postTo(first, channelMessage(team, connector.serviceUrl, `/missingkbs watch ${EDGE}`)), 200);
    const [welcome, summary] = await waitForCards(connector, channel, 2);
    assert.match(welcome, /Hello! I find missing security updates/);
    assert.match(summary, /Now watching this software/);
    assert.equal(await processes.stop(first), 0, first.output());
    const before = connector.messages().length;

    const second = await processes.spawn(env);
    await moreRounds(second, 1, 'polled', { all: 0, polled: 0 });
    assert.equal(connector.messages().length, before, 'an unchanged Defender posts nothing: no second summary');

    defender.script(EDGE, { body: odata([edgeKb('5001', 10), edgeKb('5002', 4)]) });
    const cards = await waitForCards(connector, channel, 3);
    assert.match(cards[2], /New missing security updates[\s\S]*KB5002/);
    await moreRounds(second, 1, 'polled');
    assert.equal(cardsTo(connector, channel).length, 3, 'exactly one alert');

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
