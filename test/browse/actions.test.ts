// End to end (real server, demo mode): Universal Actions — Refresh and Previous/Next update the card in place.
import assert from 'node:assert/strict';
import { EDGE_KB, kbItem } from '../support/defenderClient';
import { FakeDefender, odata } from '../support/fakeDefender';
import { cardText, startBot, type RunningBot } from '../support/harness';
import { actionInvoke, ask, executeButtons, postInvoke, press } from '../support/browse';

/** Presses an Action.Execute button and gives the card that replaces the old one. */
async function execute(bot: RunningBot, button: Record<string, any>, fixture?: string): Promise<Record<string, any>> {
  const { status, body } = await postInvoke(bot.url, actionInvoke(bot.connector.serviceUrl, button, fixture));
  assert.equal(status, 200);
  assert.equal(body.statusCode, 200);
  assert.equal(body.type, 'application/vnd.microsoft.card.adaptive');
  return body.value;
}

const WINDOWS = Array.from({ length: 36 }, (_, i) => kbItem(String(5000000 + i), { machineMissedOn: 100 - i }));

describe('Universal Actions (real server)', () => {
  let bot: RunningBot;
  let defender: FakeDefender;
  before(async () => {
    defender = await FakeDefender.start();
    bot = await startBot({ DEFENDER_API_BASE_URL: defender.url });
  });
  after(async () => {
    await bot.stop();
    await defender.close();
  });
  beforeEach(() => {
    defender.requests.splice(0);
    defender.script('microsoft-_-edge', { body: odata([EDGE_KB]) });
    defender.script('microsoft-_-windows_10', { body: odata(WINDOWS) });
  });

  it('Refresh (Action.Execute, with an Action.Submit fallback) re-fetches and updates the card in place', async () => {
    const card = await ask(bot, '/missingkbs microsoft-_-edge');
    assert.deepEqual([...executeButtons(card).keys()], ['Refresh'], 'one page: no Previous or Next');
    const refresh = executeButtons(card).get('Refresh')!;
    assert.equal(refresh.verb, 'refresh');
    assert.deepEqual(refresh.data, { v: 1, kind: 'missingkbs', softwareId: 'microsoft-_-edge', page: 1 });
    assert.deepEqual(refresh.fallback, {
      type: 'Action.Submit',
      title: 'Refresh',
      data: { command: '/missingkbs microsoft-_-edge' },
    });
    defender.script('microsoft-_-edge', { body: odata([EDGE_KB, kbItem('5000001', { machineMissedOn: 7 })]) });
    defender.requests.splice(0);
    const updated = await execute(bot, refresh);
    assert.match(cardText(updated), /KB5000001[\s\S]*Updated .* UTC\./);
    assert.equal(defender.requests.length, 1);
    assert.ok(executeButtons(updated).has('Refresh'), 'the updated card can be refreshed again');
    assert.equal(bot.connector.messages().length, 1, 'no new message: the card is updated in place');
  });

  it('long lists have Next and Previous pages updated in place; past the end of a shrunk list, the last page', async () => {
    const first = await ask(bot, '/missingkbs microsoft-_-windows_10');
    assert.match(cardText(first), /KBs 1 to 15 of 36, worst first\./);
    assert.deepEqual([...executeButtons(first).keys()], ['Next', 'Refresh']);
    const second = await execute(bot, executeButtons(first).get('Next')!);
    assert.match(cardText(second), /KBs 16 to 30 of 36/);
    assert.match(cardText(second), /KB5000015\n/);
    assert.doesNotMatch(cardText(second), /KB5000000\n/);
    assert.deepEqual([...executeButtons(second).keys()], ['Previous', 'Next', 'Refresh']);
    const third = await execute(bot, executeButtons(second).get('Next')!);
    assert.match(cardText(third), /KBs 31 to 36 of 36/);
    assert.deepEqual([...executeButtons(third).keys()], ['Previous', 'Refresh']);
    assert.match(cardText(await execute(bot, executeButtons(third).get('Previous')!)), /KBs 16 to 30 of 36/);
    const past = { verb: 'page', data: { v: 1, kind: 'missingkbs', softwareId: 'microsoft-_-windows_10', page: 9 } };
    assert.match(cardText(await execute(bot, past)), /KBs 31 to 36 of 36/);
  });

  it('without Universal Actions, Next falls back to sending "<id> page <n>" as a message', async () => {
    const first = await ask(bot, '/missingkbs microsoft-_-windows_10');
    const next = executeButtons(first).get('Next')!;
    assert.equal(next.fallback.data.command, '/missingkbs microsoft-_-windows_10 page 2');
    const second = await press(bot, next.fallback);
    assert.match(cardText(second), /KBs 16 to 30 of 36/);
  });

  it('the top card refreshes in place too', async () => {
    defender.software([]);
    const card = await ask(bot, '/missingkbs top 3');
    const refresh = executeButtons(card).get('Refresh');
    assert.ok(refresh);
    assert.deepEqual(refresh.data, { v: 1, kind: 'top', count: 3 });
    assert.equal(refresh.fallback.data.command, '/missingkbs top 3');
    assert.match(cardText(await execute(bot, refresh)), /The 0 software with the most exposed devices/);
  });

  it('tampered or stale button data (each case in actionData.test.ts) gets a clear card and reaches no Defender', async () => {
    const edge = { v: 1, kind: 'missingkbs', softwareId: 'microsoft-_-edge', page: 1 };
    for (const button of [
      { verb: 'refresh', data: { ...edge, softwareId: '../machines' } },
      { verb: 'refresh', data: {} },
    ]) {
      assert.match(cardText(await execute(bot, button)), /This button no longer works/, JSON.stringify(button));
    }
    for (const value of [
      undefined,
      { action: 'x' },
      { action: { type: 'Action.Submit', verb: 'refresh', data: edge } },
    ]) {
      const activity = actionInvoke(bot.connector.serviceUrl, {});
      activity.value = value;
      const { status, body } = await postInvoke(bot.url, activity);
      assert.equal(status, 200, JSON.stringify(value));
      assert.match(cardText(body.value), /This button no longer works/);
    }
    assert.equal(defender.requests.length, 0);
  });

  // The French words of the pages and their buttons: the browse-kbs-page-2-fr sample (fixtures.test.ts).
  it('speaks French (fixture fr-FR): the invoke’s update note and stale-button card', async () => {
    const first = await ask(bot, '/missingkbs microsoft-_-windows_10', 'fr-FR');
    const second = await execute(bot, executeButtons(first).get('Suivant')!, 'adaptive-card-action-fr');
    assert.match(cardText(second), /Mis à jour le .* UTC\./);
    const stale = await execute(bot, { verb: 'refresh', data: {} }, 'adaptive-card-action-fr');
    assert.match(cardText(stale), /Ce bouton ne fonctionne plus/);
  });

  it('a failing refresh answers with the error card, which can be refreshed again', async () => {
    defender.script('microsoft-_-edge', { status: 403, body: { error: { code: 'Forbidden', message: 'no' } } });
    const card = await execute(bot, {
      verb: 'refresh',
      data: { v: 1, kind: 'missingkbs', softwareId: 'microsoft-_-edge', page: 1 },
    });
    assert.match(cardText(card), /Not allowed/);
    assert.ok(executeButtons(card).has('Refresh'));
  });
});
