/** End to end over HTTP with DEFENDER_API_BASE_URL pointed at a fake Defender API on loopback. */
import assert from 'node:assert/strict';
import { FakeDefender, odata, odataError } from '../support/fakeDefender';
import { fixture } from '../support/fixtures';
import { startHttp } from '../support/http';
import { cardOf, cardText, startBot, teamsActivity, type RunningBot } from '../support/harness';

const DEV_TOKEN = 'dev-token-5e1f0c2a9b';

describe('conversation against a Defender-compatible server', () => {
  let defender: FakeDefender;
  let bot: RunningBot;

  before(async () => {
    defender = await FakeDefender.start();
    bot = await startBot({
      DEFENDER_API_BASE_URL: defender.url,
      DEFENDER_DEV_TOKEN: DEV_TOKEN,
      DEFENDER_TIMEOUT_MS: '5000',
    });
  });
  after(async () => {
    await bot.stop();
    await defender.close();
  });
  beforeEach(() => {
    bot.connector.sent.splice(0);
    defender.requests.splice(0);
  });

  /** Sends a 1:1 message and returns the text of the card the bot replied with. */
  async function ask(text: string): Promise<string> {
    assert.equal(await bot.post(teamsActivity('personal-message', bot.connector.serviceUrl, text)), 200);
    const [reply] = await bot.connector.waitForMessages(1);
    return cardText(cardOf(reply.activity));
  }

  it('calls GET /api/Software/{id}/getmissingkbs with the dev token and never logs it', async () => {
    defender.script('microsoft-_-edge', { body: fixture('defender/getmissingkbs-edge.json') });
    const text = await ask('/missingkbs Microsoft-_-Edge');
    assert.equal(defender.requests.length, 1);
    assert.equal(defender.requests[0].method, 'GET');
    assert.equal(defender.requests[0].path, '/api/Software/microsoft-_-edge/getmissingkbs');
    assert.equal(defender.requests[0].authorization, `Bearer ${DEV_TOKEN}`);
    assert.ok(text.includes('KB4540673') && text.includes('240'));
    assert.ok(!bot.logs.join('\n').includes(DEV_TOKEN), 'the token never reaches the log');
  });

  it('shows an unknown id as not found, quoting Defender’s correlation id', async () => {
    const text = await ask('/missingkbs contoso-_-nothing');
    assert.ok(text.includes('Software not found'));
    assert.ok(text.includes('Correlation id'));
  });

  it('waits out a short 429 Retry-After once, then answers', async () => {
    defender.script(
      'microsoft-_-office',
      { status: 429, headers: { 'retry-after': '1' }, body: fixture('defender/error-throttled.json') },
      { body: odata([{ id: '5002700', name: 'Security Update for Office', machineMissedOn: 3, cveAddressed: 1 }]) },
    );
    const started = Date.now();
    const text = await ask('/missingkbs microsoft-_-office');
    assert.ok(Date.now() - started >= 950, 'Retry-After was respected');
    assert.equal(defender.requests.length, 2);
    assert.ok(text.includes('KB5002700'));
  });

  it('tells the user when to retry after a long 429', async () => {
    defender.script('microsoft-_-teams', {
      status: 429,
      headers: { 'retry-after': '120' },
      body: fixture('defender/error-throttled.json'),
    });
    // A long 429 pauses the tenant's Defender budget for 2 minutes: ask from a tenant of its own.
    const activity = teamsActivity('personal-message', bot.connector.serviceUrl, '/missingkbs microsoft-_-teams');
    activity.channelData.tenant.id = 'a1b2c3d4-0000-4000-8000-00000000c429';
    assert.equal(await bot.post(activity), 200);
    const text = cardText(cardOf((await bot.connector.waitForMessages(1))[0].activity));
    assert.equal(defender.requests.length, 1);
    assert.ok(text.includes('Defender is busy'));
    assert.ok(text.includes('about 2 minutes'));
    assert.ok(text.includes('c7c6e5b1-1f9c-4c4b-9bd0-2a1f3c0fd1a5'));
  });

  it('retries a 500 and answers with the data that follows', async () => {
    defender.script(
      'microsoft-_-sql_server',
      { status: 500, body: odataError('InternalServerError', 'boom') },
      {
        body: odata([
          {
            id: '5040940',
            name: 'SQL Server 2019 CU',
            productsNames: ['sql_server'],
            machineMissedOn: 4,
            cveAddressed: 2,
          },
        ]),
      },
    );
    const text = await ask('/missingkbs microsoft-_-sql_server');
    assert.equal(defender.requests.length, 2);
    assert.ok(text.includes('KB5040940'));
  });

  it('gives a clear card, not a stack trace, when Defender keeps failing', async () => {
    defender.script('microsoft-_-exchange', { status: 503, body: '<html><body>Service Unavailable</body></html>' });
    const text = await ask('/missingkbs microsoft-_-exchange');
    assert.equal(defender.requests.length, 3, 'one call and two retries');
    assert.ok(text.includes('Defender is not available'));
    assert.ok(!/at \w+ \(|Error:/.test(text));
  });

  it('follows a same-origin nextLink and merges the pages', async () => {
    defender
      .script('microsoft-_-windows_10', {
        body: odata(
          [{ id: '5049981', name: 'Page one KB', machineMissedOn: 10, cveAddressed: 1 }],
          `${defender.url}/api/Software/microsoft-_-windows_10/getmissingkbs?$skip=1`,
        ),
      })
      .page('/api/Software/microsoft-_-windows_10/getmissingkbs?$skip=1', {
        body: odata([{ id: '5051974', name: 'Page two KB', machineMissedOn: 20, cveAddressed: 2 }]),
      });
    const text = await ask('/missingkbs microsoft-_-windows_10');
    assert.equal(defender.requests.length, 2);
    assert.ok(text.includes('KB5049981') && text.includes('KB5051974'));
    assert.ok(text.indexOf('KB5051974') < text.indexOf('KB5049981'), 'worst first across pages');
    assert.ok(!text.includes('incomplete'));
  });

  it('does not follow a nextLink to another origin, and says the list may be incomplete', async () => {
    let elsewhere = 0;
    const other = await startHttp((_req, res) => {
      elsewhere++;
      res.end('{}');
    });
    try {
      defender.script('microsoft-_-visual_studio', {
        body: odata([{ id: '5001', name: 'VS update', machineMissedOn: 1, cveAddressed: 1 }], `${other.url}/steal`),
      });
      const text = await ask('/missingkbs microsoft-_-visual_studio');
      assert.equal(elsewhere, 0, 'nothing was sent to the other origin');
      assert.ok(text.includes('KB5001'));
      assert.ok(text.includes('incomplete'));
    } finally {
      await other.close();
    }
  });

  it('sends nothing upstream for a malicious or malformed id', async () => {
    const inputs = [
      '../../api/machines',
      'microsoft-_-edge/../../machines',
      'microsoft-_-edge?$filter=x',
      'microsoft-_-edge#frag',
      'microsoft-_-edge%2F..',
      'microsoft-_-edge\\x',
      'microsoft-_-internet explorer',
      'microsoft-_-edge\u0000',
      'a'.repeat(150) + '-_-' + 'b'.repeat(60),
    ];
    for (const input of inputs) {
      bot.connector.sent.splice(0);
      const text = await ask(`/missingkbs ${input}`);
      assert.ok(text.includes('not a valid software id'), `refused: ${JSON.stringify(input)}`);
    }
    assert.equal(defender.requests.length, 0);
  });

  it('shows a typing indicator in the conversation while Defender is slow', async () => {
    defender.script('microsoft-_-onedrive', { delayMs: 700, body: odata([]) });
    const activity = teamsActivity(
      'channel-message-mention',
      bot.connector.serviceUrl,
      '/missingkbs microsoft-_-onedrive',
    );
    await bot.post(activity);
    const [reply] = await bot.connector.waitForMessages(1);
    const typingIndex = bot.connector.sent.findIndex((s) => s.activity.type === 'typing');
    assert.ok(typingIndex >= 0, 'a typing activity was sent');
    assert.ok(typingIndex < bot.connector.sent.indexOf(reply), 'typing came before the reply');
    assert.equal(bot.connector.sent[typingIndex].conversationId, activity.conversation.id);
    assert.equal(bot.connector.sent[typingIndex].replyToId, activity.id, 'typing goes into the thread too');
    assert.equal(reply.replyToId, activity.id);
    assert.ok(cardText(cardOf(reply.activity)).includes('No missing security updates'));
  });

  it('answers the HTTP request at once and replies when Defender has answered', async () => {
    defender.script('microsoft-_-sharepoint', { delayMs: 1500, body: fixture('defender/getmissingkbs-edge.json') });
    const started = Date.now();
    const status = await bot.post(
      teamsActivity('personal-message', bot.connector.serviceUrl, '/missingkbs microsoft-_-sharepoint'),
    );
    assert.equal(status, 200);
    assert.ok(Date.now() - started < 1000, 'the channel is not kept waiting for Defender');
    assert.equal(bot.connector.messages().length, 0);
    const [reply] = await bot.connector.waitForMessages(1, 5000);
    assert.ok(cardText(cardOf(reply.activity)).includes('KB4540673'));
  });
});
