// src/config/alerts.ts through loadConfig: poll interval, webhook secret and SOC conversation (bounds and defaults: index.test.ts).
import assert from 'node:assert/strict';
import { loadConfig, redactedSummary } from '../../src/config';
import { pollIntervalMs } from '../../src/config/alerts';
import { problems } from '../support/authConfig';

const SECRET = 's3cret-'.padEnd(40, 'x');

describe('alert settings', () => {
  it('reads the webhook secret and the SOC conversation, shown in the summary only as set', () => {
    const config = loadConfig({ NOTIFY_SECRET: SECRET, SOC_CONVERSATION_ID: '19:soc@thread.tacv2' });
    assert.deepEqual(config.alerts, {
      pollMinutes: 60,
      minDeviceDelta: 5,
      notifySecret: SECRET,
      socConversationId: '19:soc@thread.tacv2',
    });
    const summary = JSON.stringify(redactedSummary(config));
    assert.ok(!summary.includes(SECRET));
    assert.match(summary, /"notifySecret":"\(set\)","socConversationId":"19:soc@thread.tacv2"/);
  });

  it('polls every ALERT_POLL_SECONDS (5 s at least) when set, else every ALERT_POLL_MINUTES', () => {
    const alerts = loadConfig({ ALERT_POLL_MINUTES: '60', ALERT_POLL_SECONDS: '5' }).alerts;
    assert.deepEqual(alerts, { pollMinutes: 60, pollSeconds: 5, minDeviceDelta: 5 });
    assert.equal(pollIntervalMs(alerts), 5000);
    assert.match(JSON.stringify(redactedSummary(loadConfig({ ALERT_POLL_SECONDS: '5' }))), /"pollSeconds":5,/);
    assert.equal(pollIntervalMs(loadConfig({ ALERT_POLL_MINUTES: '2' }).alerts), 120_000);
    assert.equal(pollIntervalMs(loadConfig({ ALERT_POLL_MINUTES: '0' }).alerts), 0);
    const tooShort = 'ALERT_POLL_SECONDS must be a whole number from 5 to 86400 (got "4")';
    assert.deepEqual(problems({ ALERT_POLL_SECONDS: '4' }), [tooShort]);
  });

  it('refuses a short secret without echoing it, and a conversation id with spaces, together', () => {
    const found = problems({ NOTIFY_SECRET: 'short', SOC_CONVERSATION_ID: 'a b' });
    assert.deepEqual(found, [
      'NOTIFY_SECRET must be at least 32 characters (got 5); generate one with: openssl rand -hex 32',
      'SOC_CONVERSATION_ID must be a Teams conversation id such as 19:abc@thread.tacv2 (no spaces)',
    ]);
    assert.match(problems({ SOC_CONVERSATION_ID: 'x'.repeat(501) }).join(), /^SOC_CONVERSATION_ID/);
    assert.ok(!found.join('\n').includes('short'), 'the secret is not echoed');
  });
});
