/** End to end: the per-tenant Defender budget on the real server (tenants apart: test/defender/rateLimit.test.ts; one user's burst shares one call: test/commands/coalesce.test.ts). */
import assert from 'node:assert/strict';
import { useDefenderBot } from '../support/defenderBot';
import { odata } from '../support/fakeDefender';
import { EDGE_KB } from '../support/defenderClient';
import { cardOf, cardText, teamsActivity } from '../support/harness';

describe('per-tenant Defender budget (real server)', () => {
  const running = useDefenderBot({ DEFENDER_CALLS_PER_MINUTE: '5', DEFENDER_QUEUE_MAX_WAIT_MS: '2000' });
  before(() => running.defender.script('microsoft-_-edge', { body: odata([EDGE_KB]), delayMs: 100 }));

  /** `/missingkbs microsoft-_-edge` from user number `n` of the fixture's tenant (one tenant for all). */
  function command(n: number): Record<string, any> {
    const { bot } = running;
    const activity = teamsActivity('personal-message', bot.connector.serviceUrl, '/missingkbs microsoft-_-edge');
    activity.from = {
      ...activity.from,
      id: `29:user-${n}`,
      aadObjectId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    };
    return activity;
  }

  it('never calls Defender beyond the budget in a burst of one tenant, and tells the others when to retry', async () => {
    const { bot, defender } = running;
    const statuses = await Promise.all(Array.from({ length: 12 }, (_, n) => bot.post(command(n))));
    assert.ok(statuses.every((s) => s === 200));
    const texts = (await bot.connector.waitForMessages(12, 10000)).map((m) => cardText(cardOf(m.activity)));
    assert.equal(defender.requests.length, 5);
    assert.equal(texts.filter((t) => t.includes('KB4540673')).length, 5);
    const busy = texts.filter((t) => t.includes('Defender is busy'));
    assert.equal(busy.length, 7);
    for (const text of busy) assert.match(text, /Try again in \d+ seconds\./);
  });
});
