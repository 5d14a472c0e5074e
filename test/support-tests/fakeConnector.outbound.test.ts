/** The fake Bot Connector's check of the bearer token on the bot's own calls; without `auth` it checks none. */
import assert from 'node:assert/strict';
import { FakeConnector } from '../support/fakeConnector';
import { signJwt, signingKey, verifyJwt } from '../support/jwt';

const APP_ID = 'c9e8c047-2a74-40a2-b28a-b162d5f5327c';
const BOT_FRAMEWORK = 'https://api.botframework.com';

/** POSTs a message as the bot sends one, with this Authorization header (if any); returns the status. */
async function send(connector: FakeConnector, authorization?: string): Promise<number> {
  const res = await fetch(`${connector.serviceUrl}v3/conversations/x/activities`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify({ type: 'message', text: 'hello' }),
  });
  await res.arrayBuffer();
  return res.status;
}

describe('FakeConnector outbound auth', () => {
  // Stands in for Entra ID: the bot's token is good when this key signed it for aud https://api.botframework.com.
  const entra = signingKey();
  const botToken = (aud = BOT_FRAMEWORK): string => `Bearer ${signJwt(entra, { aud, appid: APP_ID })}`;
  let connector: FakeConnector;
  beforeEach(async () => {
    connector = await FakeConnector.start({
      auth: { appId: APP_ID, verifyBotToken: (token) => verifyJwt(token, entra.publicKey)?.aud === BOT_FRAMEWORK },
    });
  });
  afterEach(() => connector.close());

  it('records a call whose bearer token verifies in sent, with its Authorization header', async () => {
    const authorization = botToken();
    assert.equal(await send(connector, authorization), 200);
    assert.equal(connector.sent.length, 1);
    assert.equal(connector.sent[0].authorization, authorization);
    assert.deepEqual(connector.rejected, []);
  });

  it('answers 401 to a token that fails verifyBotToken, and records the call in rejected', async () => {
    assert.equal(await send(connector, botToken('https://graph.microsoft.com')), 401);
    assert.deepEqual(connector.sent, []);
    assert.equal(connector.rejected.length, 1);
    assert.equal(connector.rejected[0].conversationId, 'x');
    assert.equal(connector.rejected[0].activity.text, 'hello');
  });

  it('answers 401 to a call without a bearer token, before any injected failure', async () => {
    connector.failNext(503);
    assert.equal(await send(connector), 401);
    assert.equal(await send(connector, 'Basic Ym90OnNlY3JldA=='), 401);
    assert.equal(connector.rejected.length, 2);
    assert.equal(await send(connector, botToken()), 503);
  });

  it('does not check outbound calls when verifyBotToken is absent', async () => {
    const open = await FakeConnector.start({ auth: { appId: APP_ID } });
    try {
      assert.equal(await send(open), 200);
      assert.equal(open.sent.length, 1);
    } finally {
      await open.close();
    }
  });
});

describe('FakeConnector without auth', () => {
  let connector: FakeConnector;
  before(async () => {
    connector = await FakeConnector.start();
  });
  after(() => connector.close());

  it('serves no OpenID metadata, signs no tokens and checks no calls, as before', async () => {
    assert.equal((await fetch(connector.openIdMetadataUrl)).status, 404);
    assert.throws(() => connector.channelToken(), /started without auth/);
    assert.equal(await send(connector), 200);
    assert.deepEqual(connector.rejected, []);
  });
});
