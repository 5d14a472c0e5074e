/** With an app id set: the channel's token is required, and other tenants are refused politely. */
import assert from 'node:assert/strict';
import sinon from 'sinon';
import { cardOf, cardText } from '../../support/harness';
import { OTHER_TENANT_ID, startSecureBot, type SecureBot } from '../../support/secureHarness';

describe('channel authentication and tenants (real server, auth on)', () => {
  let bot: SecureBot;

  before(async () => {
    bot = await startSecureBot();
  });
  after(() => bot.stop());
  beforeEach(() => {
    bot.connector.sent.splice(0);
    // botbuilder prints each refused token's error with console.error; the assertions below are what matters.
    sinon.stub(console, 'error');
  });
  afterEach(() => sinon.restore());

  const refused: [string, (b: SecureBot, a: object) => string | null][] = [
    ['no Authorization header', () => null],
    ['a token signed with an unknown key', (b) => `Bearer ${b.connector.channelToken({ foreignKey: true })}`],
    [
      'a forged signature on a known key id',
      (b) => `Bearer ${b.connector.channelToken({ foreignKey: true, kid: b.connector.keyId })}`,
    ],
    ['an expired token', (b) => `Bearer ${b.connector.channelToken({ exp: Math.floor(Date.now() / 1000) - 3600 })}`],
    [
      'a token for another bot',
      (b) => `Bearer ${b.connector.channelToken({ aud: '00000000-0000-0000-0000-000000000000' })}`,
    ],
    [
      'a token for another serviceUrl',
      (b) => `Bearer ${b.connector.channelToken({ serviceUrl: 'https://evil.example/' })}`,
    ],
  ];
  for (const [what, authorization] of refused) {
    it(`answers 401 to /api/messages with ${what}, and does nothing`, async () => {
      const activity = bot.message('/missingkbs microsoft-_-edge');
      const answer = await bot.post(activity, authorization(bot, activity));
      assert.equal(answer.status, 401, answer.body);
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(bot.connector.sent.length, 0);
      assert.equal(bot.defender.requests.length, 0);
    });
  }

  it('refuses users of another tenant politely, with no call to Entra ID or Defender', async () => {
    const before = bot.entra.tokenRequests.filter((r) => r.grantType !== 'client_credentials').length;
    const stranger = { oid: '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a', tid: OTHER_TENANT_ID, name: 'Stranger' };
    assert.equal((await bot.post(bot.message('/missingkbs microsoft-_-edge', stranger))).status, 200);
    const [reply] = await bot.connector.waitForMessages(1);
    assert.ok(cardText(cardOf(reply.activity)).includes('Not available in your organisation'));
    assert.equal(bot.defender.requests.length, 0);
    assert.equal(bot.entra.tokenRequests.filter((r) => r.grantType !== 'client_credentials').length, before);
  });
});
