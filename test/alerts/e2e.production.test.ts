/**
 * Production mode end to end: the poller and the webhook read Defender with the bot's app-only
 * token (client credentials from the fake Entra ID), go through the limiter hook with the bot's
 * tenant, and post with a Bot Connector token the fake Connector verifies.
 */
import assert from 'node:assert/strict';
import { FakeDirectory, FakeWatchList, postNotify } from '../support/alertFakes';
import { odata } from '../support/fakeDefender';
import { waitFor } from '../support/http';
import { startSecureBot, TENANT_ID, type SecureBot } from '../support/secureHarness';

const EDGE = 'microsoft-_-edge';
const CHANNEL = '19:soc@thread.tacv2';
const SECRET = 'production-notify-secret-0123456789abcdef';

function claims(authorization: string | undefined): Record<string, unknown> {
  const token = (authorization ?? '').replace(/^Bearer /, '');
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('alerts end to end in production mode', () => {
  let bot: SecureBot;
  const limited: string[] = [];
  const watches = new FakeWatchList().watch(EDGE, CHANNEL, undefined, TENANT_ID);
  const directory = new FakeDirectory();

  before(async () => {
    bot = await startSecureBot(
      { NOTIFY_SECRET: SECRET },
      {
        alerts: {
          watches,
          conversations: directory,
          pollIntervalMs: 40,
          timing: { firstDelayMs: 0, paceMs: 0 },
          beforeDefenderCall: (tenantId) => {
            limited.push(tenantId);
            return Promise.resolve();
          },
        },
      },
    );
    bot.defender.script(EDGE, {
      body: odata([{ id: '5001', name: 'Update', productsNames: [], machineMissedOn: 3, cveAddressed: 1 }]),
    });
    directory.add(CHANNEL, { serviceUrl: bot.connector.serviceUrl, tenantId: TENANT_ID });
  });
  after(() => bot.stop());

  it('polls with the app-only token through the limiter hook and posts the summary with a verified bot token', async () => {
    const [summary] = await bot.connector.waitForMessages(1);
    assert.equal(summary.conversationId, CHANNEL);
    assert.deepEqual(bot.connector.rejected, []);
    const request = await waitFor(() => bot.defender.requests.find((r) => r.path.includes(EDGE)));
    const token = claims(request.authorization);
    assert.equal(token.idtyp, 'app');
    assert.deepEqual(token.roles, ['Software.Read.All']);
    assert.equal(token.scp, undefined, 'not a delegated token');
    assert.ok(limited.length > 0 && limited.every((t) => t === TENANT_ID));
  });

  it('serves the webhook with the app-only token too', async () => {
    const body = JSON.stringify({ softwareId: EDGE, message: 'from a playbook' });
    const res = await postNotify(bot.url, SECRET, body);
    assert.equal(res.status, 202);
    assert.equal(res.json.delivered, 1);
    assert.ok(!bot.logs.some((l) => l.includes(SECRET)));
  });
});
