/** The alert settings: defaults, bounds, the webhook secret's minimum length, and that it is never shown. */
import assert from 'node:assert/strict';
import { pollIntervalMs } from '../../src/config/alerts';
import { ConfigError, loadConfig, redactedSummary } from '../../src/config';

const SECRET = 's3cret-'.padEnd(40, 'x');

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return [...err.problems];
    throw err;
  }
  return [];
}

describe('alert settings', () => {
  it('polls hourly, alerts on +5 devices, and has no webhook by default', () => {
    assert.deepEqual(loadConfig({}).alerts, { pollMinutes: 60, minDeviceDelta: 5 });
  });

  it('reads every key', () => {
    const env = {
      ALERT_POLL_MINUTES: '15',
      ALERT_MIN_DEVICE_DELTA: '1',
      NOTIFY_SECRET: SECRET,
      SOC_CONVERSATION_ID: '19:soc@thread.tacv2',
    };
    assert.deepEqual(loadConfig(env).alerts, {
      pollMinutes: 15,
      minDeviceDelta: 1,
      notifySecret: SECRET,
      socConversationId: '19:soc@thread.tacv2',
    });
    assert.equal(loadConfig({ ALERT_POLL_MINUTES: '0' }).alerts.pollMinutes, 0);
  });

  it('ALERT_POLL_SECONDS replaces the minutes, 5 s at least', () => {
    const alerts = loadConfig({ ALERT_POLL_MINUTES: '60', ALERT_POLL_SECONDS: '5' }).alerts;
    assert.deepEqual(alerts, { pollMinutes: 60, pollSeconds: 5, minDeviceDelta: 5 });
    assert.equal(pollIntervalMs(alerts), 5000);
    assert.equal(pollIntervalMs(loadConfig({ ALERT_POLL_MINUTES: '2' }).alerts), 120_000);
    assert.match(problems({ ALERT_POLL_SECONDS: '4' }).join('\n'), /ALERT_POLL_SECONDS must be a whole number from 5/);
  });

  it('refuses out-of-range numbers, a short secret and a conversation id with spaces, all together', () => {
    const found = problems({
      ALERT_POLL_MINUTES: '1441',
      ALERT_MIN_DEVICE_DELTA: '0',
      NOTIFY_SECRET: 'short',
      SOC_CONVERSATION_ID: 'a b',
    });
    assert.equal(found.length, 4, found.join('\n'));
    assert.match(found.join('\n'), /NOTIFY_SECRET must be at least 32 characters \(got 5\)/);
    assert.ok(!found.join('\n').includes('short'), 'the secret is not echoed');
  });

  it('never shows the secret in the summary', () => {
    const summary = JSON.stringify(redactedSummary(loadConfig({ NOTIFY_SECRET: SECRET })));
    assert.ok(!summary.includes(SECRET));
    assert.match(summary, /"notifySecret":"\(set\)"/);
  });
});
