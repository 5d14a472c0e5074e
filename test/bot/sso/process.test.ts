/** Production mode as `npm start` runs it: its own process, settings from the environment, the CA from NODE_EXTRA_CA_CERTS. */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EDGE_KB } from '../../support/defenderClient';
import { odata } from '../../support/fakeDefender';
import { cardOf, cardText, teamsActivity } from '../../support/harness';
import { postActivity } from '../../support/http';
import { APP_SECRET, asUser, invokeActivity, startStandIns, USERS, type StandIns } from '../../support/secureHarness';
import { oauthCardOf } from '../../support/sso';
import { spawnBot, type BotProcess } from '../../support/botProcess';

describe('production mode in its own process (real index.ts, NODE_EXTRA_CA_CERTS)', function () {
  this.timeout(30_000);
  let stand: StandIns;
  let bot: BotProcess;

  before(async () => {
    stand = await startStandIns();
    stand.defender.script('microsoft-_-edge', { body: odata([EDGE_KB]) });
    const caFile = path.join(mkdtempSync(path.join(tmpdir(), 'missingkbs-ca-')), 'entra-ca.pem');
    writeFileSync(caFile, stand.entra.ca);
    bot = await spawnBot({ ...stand.env, LOG_LEVEL: 'info', NODE_EXTRA_CA_CERTS: caFile });
  });

  after(async () => {
    bot.child.kill('SIGTERM');
    await bot.exited;
    await stand.close();
  });

  /** POSTs an activity with a valid channel token. */
  async function post(activity: Record<string, any>): Promise<number> {
    return (await postActivity(bot.url, activity, { authorization: stand.connector.authorizationFor(activity) }))
      .status;
  }

  it('signs the user in with SSO and On-Behalf-Of, then answers with the card', async () => {
    const message = asUser(
      teamsActivity('personal-message', stand.connector.serviceUrl, '/missingkbs microsoft-_-edge'),
      USERS.megan,
    );
    assert.equal(await post(message), 200);
    const [first] = await stand.connector.waitForMessages(1, 10_000);
    const oauth = oauthCardOf(first.activity);
    assert.ok(oauth, 'an OAuthCard');
    const exchange = {
      id: oauth.tokenExchangeResource.id,
      connectionName: 'sso',
      token: stand.entra.ssoToken(USERS.megan),
    };
    const invoke = invokeActivity(stand.connector.serviceUrl, 'signin/tokenExchange', exchange, USERS.megan);
    assert.equal(await post(invoke), 200);
    const messages = await stand.connector.waitForMessages(2, 10_000);
    assert.ok(cardText(cardOf(messages[1].activity)).includes('KB4540673'));
    assert.equal(stand.connector.rejected.length, 0, 'the Bot Connector accepted the bot token');
  });

  it('logs its redacted configuration at start, and not the secret', () => {
    const output = bot.output();
    const summary = output.split('\n').find((line) => line.includes('"config.loaded"'));
    assert.ok(summary, output);
    assert.match(summary, /"mode":"production"/);
    assert.match(summary, /"credential":"client secret \(set\)"/);
    assert.ok(!output.includes(APP_SECRET));
  });
});
