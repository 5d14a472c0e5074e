/**
 * End to end over HTTP with DEFENDER_API_BASE_URL pointed at a fake Defender API on loopback: the token
 * sent, the typing indicator, the reply after the HTTP answer. Defender's failures are proven by
 * faults/upstream.test.ts (every status and network fault) and test/defender (retries, paging).
 */
import assert from 'node:assert/strict';
import { useDefenderBot } from '../support/defenderBot';
import { odata } from '../support/fakeDefender';
import { fixture } from '../support/fixtures';
import { cardOf, cardText, teamsActivity } from '../support/harness';

const DEV_TOKEN = 'dev-token-5e1f0c2a9b';

describe('conversation against a Defender-compatible server', () => {
  const running = useDefenderBot({ DEFENDER_DEV_TOKEN: DEV_TOKEN, DEFENDER_TIMEOUT_MS: '5000' });
  beforeEach(() => {
    running.bot.connector.sent.splice(0);
    running.defender.requests.splice(0);
  });

  it('calls GET /api/Software/{id}/getmissingkbs with the dev token and never logs it', async () => {
    const { bot, defender } = running;
    defender.script('microsoft-_-edge', { body: fixture('defender/getmissingkbs-edge.json') });
    const message = teamsActivity('personal-message', bot.connector.serviceUrl, '/missingkbs Microsoft-_-Edge');
    assert.equal(await bot.post(message), 200);
    const text = cardText(cardOf((await bot.connector.waitForMessages(1))[0].activity));
    assert.equal(defender.requests.length, 1);
    assert.equal(defender.requests[0].method, 'GET');
    assert.equal(defender.requests[0].path, '/api/Software/microsoft-_-edge/getmissingkbs');
    assert.equal(defender.requests[0].authorization, `Bearer ${DEV_TOKEN}`);
    assert.ok(text.includes('KB4540673') && text.includes('240'));
    assert.ok(!bot.logs.join('\n').includes(DEV_TOKEN), 'the token never reaches the log');
  });

  it('answers the HTTP request at once, shows a typing indicator in the thread while Defender is slow, then replies', async () => {
    const { bot, defender } = running;
    defender.script('microsoft-_-onedrive', { delayMs: 1500, body: odata([]) });
    const activity = teamsActivity(
      'channel-message-mention',
      bot.connector.serviceUrl,
      '/missingkbs microsoft-_-onedrive',
    );
    const started = Date.now();
    assert.equal(await bot.post(activity), 200);
    assert.ok(Date.now() - started < 1000, 'the channel is not kept waiting for Defender');
    assert.equal(bot.connector.messages().length, 0);
    const [reply] = await bot.connector.waitForMessages(1, 5000);
    const typingIndex = bot.connector.sent.findIndex((s) => s.activity.type === 'typing');
    assert.ok(typingIndex >= 0, 'a typing activity was sent');
    assert.ok(typingIndex < bot.connector.sent.indexOf(reply), 'typing came before the reply');
    assert.equal(bot.connector.sent[typingIndex].conversationId, activity.conversation.id);
    assert.equal(bot.connector.sent[typingIndex].replyToId, activity.id, 'typing goes into the thread too');
    assert.equal(reply.replyToId, activity.id);
    assert.ok(cardText(cardOf(reply.activity)).includes('No missing security updates'));
  });
});
