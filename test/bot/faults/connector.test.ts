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

  const retried: [string, ConnectorFault][] = [
    ['500', 500],
    ['429 with Retry-After', { status: 429, headers: { 'retry-after': '1' } }],
  ];
  for (const [what, fault] of retried) {
    it(`retries a reply the connector answers ${what}, and delivers it`, async () => {
      bot().connector.failNext(fault);
      await ask();
      const [reply] = await bot().connector.waitForMessages(1, 10_000);
      assert.equal(bot().connector.faulted.length, 1);
      assert.ok(cardText(cardOf(reply.activity)).includes('KB4540673'));
    });
  }

  it('logs a reply the connector answers 429 without Retry-After, and tells the user something went wrong', async () => {
    bot().connector.failNext(429);
    await ask();
    const [reply] = await bot().connector.waitForMessages(1, 10_000);
    assert.ok(cardText(cardOf(reply.activity)).includes('Something went wrong'));
    assert.ok(problems().some((line) => line.includes('"bot.turn_error"') && line.includes('Throttled')));
  });

  it('gives up on a connector that never answers after the reply deadline, and logs it', async () => {
    bot().connector.failNext({ hang: true });
    await ask();
    const [reply] = await bot().connector.waitForMessages(1, 10_000);
    assert.equal(bot().connector.faulted.length, 1);
    assert.ok(cardText(cardOf(reply.activity)).includes('Something went wrong'), 'the error card got through');
    assert.ok(
      problems().some((line) => line.includes('"bot.turn_error"')),
      problems().join('\n'),
    );
  });

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
