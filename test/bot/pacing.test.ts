/** Replies to commands are paced like alerts (src/bot/pacing.ts), over the real server, on a virtual clock. */
import assert from 'node:assert/strict';
import { createDemoDefenderFetch } from '../../src/defender/demo/tenant';
import type { FetchLike } from '../../src/defender/types';
import { sendKeys, teamsSendPacer } from '../../src/pacing/teams';
import { startBot, teamsActivity, type RunningBot } from '../support/harness';
import { VirtualClock } from '../support/virtualClock';

describe('paced replies', () => {
  let bot: RunningBot | undefined;
  afterEach(() => bot?.stop());

  it('keeps a thread’s replies within its limit, under the same thread and tenant keys as alerts, dropping typing', async () => {
    const clock = new VirtualClock();
    const pacer = teamsSendPacer({ clock, limits: { thread: [{ limit: 1, ms: 5000 }], tenant: [] } });
    // Defender answers after 50 ms, so the third command's typing indicator is due while the thread is full.
    const demo = createDemoDefenderFetch();
    const fetch: FetchLike = (input, init) => new Promise((r) => setTimeout(r, 50)).then(() => demo(input, init));
    bot = await startBot({}, { sendPacer: pacer, fetch, typing: { delayMs: 0, periodMs: 60_000 } });
    bot.connector.enforceLimits({ perThread: [{ limit: 1, ms: 5000 }], perApp: [], clock: () => clock.now() });
    const start = clock.now();
    const first = teamsActivity('personal-message', bot.connector.serviceUrl, 'help');
    assert.equal(await bot.post(first), 200);
    const second = { ...teamsActivity('personal-message', bot.connector.serviceUrl, 'help'), id: 'second' };
    assert.equal(await bot.post(second), 200);
    await bot.connector.waitForMessages(2);
    assert.deepEqual(bot.connector.overLimit(), []);
    assert.ok(clock.now() - start >= 5000, 'the second reply waited for room in the thread');
    const keys = sendKeys(first.conversation.id, first.conversation.tenantId);
    assert.ok(pacer.delay(keys) > 0, 'an alert to this chat now would wait too');
    const third = teamsActivity('personal-message', bot.connector.serviceUrl, '/missingkbs microsoft-_-edge');
    assert.equal(await bot.post({ ...third, id: 'third' }), 200);
    await bot.connector.waitForMessages(3);
    assert.deepEqual(bot.connector.overLimit(), []);
    assert.ok(
      !bot.connector.sent.some((s) => s.activity.type === 'typing'),
      'a typing indicator with no room is dropped',
    );
  });
});
