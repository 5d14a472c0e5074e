/** The Bot Connector failing while the bot replies (500, 429, no answer): retried or logged, never a crash. */
import assert from 'node:assert/strict';
import { EDGE_KB } from '../../support/defenderClient';
import type { ConnectorFault } from '../../support/fakeConnector';
import { useDefenderBot } from '../../support/defenderBot';
import { odata } from '../../support/fakeDefender';
import { cardOf, cardText, teamsActivity, type RunningBot } from '../../support/harness';
import { waitFor } from '../../support/http';
import { failOnUnhandled } from '../../support/unhandled';

describe('Bot Connector faults while replying (real server)', function () {
  this.timeout(20_000);
  failOnUnhandled();
  const running = useDefenderBot({}, { replyTimeoutMs: 2500 });
  before(() => running.defender.script('microsoft-_-edge', { body: odata([EDGE_KB]) }));
  const bot = (): RunningBot => running.bot;

  beforeEach(() => {
    bot().connector.sent.splice(0);
    bot().connector.faulted.splice(0);
    bot().logs.splice(0);
  });

  /** Sends /missingkbs in a 1:1 chat; the HTTP request is answered at once, the reply comes later. */
  async function ask(text = '/missingkbs microsoft-_-edge'): Promise<void> {
    assert.equal(await bot().post(teamsActivity('personal-message', bot().connector.serviceUrl, text)), 200);
  }

  /** The log lines at warn or error level. */
  const problems = (): string[] => bot().logs.filter((line) => /"level":"(warn|error)"/.test(line));

  // [the connector's answer to the reply, what the user then sees, the turn error logged (none: retried)]
  const faults: [string, ConnectorFault, string, RegExp?][] = [
    ['a 500', 500, 'KB4540673'],
    ['a 429 with Retry-After', { status: 429, headers: { 'retry-after': '1' } }, 'KB4540673'],
    ['a 429 without Retry-After', 429, 'Something went wrong', /"bot\.turn_error".*Throttled/],
    ['silence until the reply deadline', { hang: true }, 'Something went wrong', /"bot\.turn_error"/],
  ];
  for (const [what, fault, shows, logged] of faults) {
    const outcome = logged ? 'shows the error card and logs' : 'retries and delivers';
    it(`${outcome} a reply the connector meets with ${what}`, async () => {
      bot().connector.failNext(fault);
      await ask();
      const [reply] = await bot().connector.waitForMessages(1, 10_000);
      assert.equal(bot().connector.faulted.length, 1);
      assert.ok(cardText(cardOf(reply.activity)).includes(shows));
      if (logged) assert.match(problems().join('\n'), logged);
    });
  }

  it('logs, and does not crash, when even the error card cannot be delivered', async () => {
    bot().connector.failNext({ hang: true }, { hang: true });
    await ask();
    await waitFor(() => (problems().some((l) => l.includes('"bot.error_reply_failed"')) ? true : undefined), 10_000);
    assert.equal(bot().connector.messages().length, 0);
  });

  it('answers a command in the turn itself (help) even when the connector fails it once', async () => {
    bot().connector.failNext(500);
    await ask('help');
    const [reply] = await bot().connector.waitForMessages(1, 10_000);
    assert.ok(cardText(cardOf(reply.activity)).includes('Missing KBs: help'));
    assert.equal((await fetch(`${bot().url}/healthz`)).status, 200, 'the server still answers');
  });
});
