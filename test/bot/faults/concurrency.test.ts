/** 200 requests at once on the real server: every one answered 200, every reply delivered to the right message. */
import assert from 'node:assert/strict';
import { EDGE_KB } from '../../support/defenderClient';
import { useDefenderBot } from '../../support/defenderBot';
import { odata } from '../../support/fakeDefender';
import { cardOf, cardText, teamsActivity } from '../../support/harness';
import { failOnUnhandled } from '../../support/unhandled';

const CONCURRENT = 200;

describe(`${CONCURRENT} concurrent requests (real server, fake Defender)`, function () {
  this.timeout(60_000);
  failOnUnhandled();
  const running = useDefenderBot({
    LOG_LEVEL: 'warn',
    DEFENDER_CALLS_PER_MINUTE: '100000',
    DEFENDER_CALLS_PER_HOUR: '1000000',
  });
  // A little latency, so the lookups really overlap.
  before(() => running.defender.script('microsoft-_-edge', { delayMs: 50, body: odata([EDGE_KB]) }));

  it('answers all of them, and each conversation gets exactly its own reply', async () => {
    const { bot, defender } = running;
    const activities = Array.from({ length: CONCURRENT }, (_, i) => {
      const activity = teamsActivity(
        'personal-message',
        bot.connector.serviceUrl,
        i % 5 === 0 ? 'help' : '/missingkbs microsoft-_-edge',
      );
      activity.id = `msg-${i}`;
      activity.conversation.id = `a:conversation-${i}`;
      // Distinct users: one user's identical lookups in flight share one Defender call (src/commands/coalesce.ts).
      activity.from = {
        ...activity.from,
        id: `29:user-${i}`,
        aadObjectId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      };
      return activity;
    });
    const statuses = await Promise.all(activities.map((activity) => bot.post(activity)));
    assert.deepEqual(
      statuses.filter((s) => s !== 200),
      [],
      'every request answered 200',
    );
    const messages = await bot.connector.waitForMessages(CONCURRENT, 30_000);
    assert.equal(messages.length, CONCURRENT);
    const byConversation = new Map(messages.map((m) => [m.conversationId, m]));
    assert.equal(byConversation.size, CONCURRENT, 'one reply per conversation');
    activities.forEach((activity, i) => {
      const reply = byConversation.get(activity.conversation.id);
      assert.ok(reply, `a reply in ${activity.conversation.id}`);
      assert.equal(reply.replyToId, activity.id);
      assert.ok(cardText(cardOf(reply.activity)).includes(i % 5 === 0 ? 'Missing KBs: help' : 'KB4540673'));
    });
    assert.equal(defender.requests.length, CONCURRENT - CONCURRENT / 5, 'one Defender call per command');
    assert.deepEqual(bot.logs, [], 'no warning or error logged');
  });
});
