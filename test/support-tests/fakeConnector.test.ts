/** The fake Bot Connector's channel auth, checked with botbuilder's real validation, and its check of the bot's own calls. */
import assert from 'node:assert/strict';
import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import sinon from 'sinon';
import { FakeConnector, type ChannelTokenOverrides } from '../support/fakeConnector';
import { fixture } from '../support/fixtures';
import { nowSeconds, signJwt, signingKey, verifyJwt } from '../support/jwt';

const APP_ID = 'c9e8c047-2a74-40a2-b28a-b162d5f5327c';
const TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const BOT_FRAMEWORK = 'https://api.botframework.com';

/** botbuilder's validator with the settings the bot runs with, trusting `connector` as the channel. */
function botAuth(connector: FakeConnector): ConfigurationBotFrameworkAuthentication {
  return new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: APP_ID,
    MicrosoftAppPassword: 'not-used-by-inbound-validation',
    MicrosoftAppTenantId: TENANT_ID,
    MicrosoftAppType: 'SingleTenant',
    ToBotFromChannelOpenIdMetadataUrl: connector.openIdMetadataUrl,
    ToBotFromChannelTokenIssuer: connector.tokenIssuer,
    ToChannelFromBotLoginUrl: `https://login.microsoftonline.com/${TENANT_ID}`,
    ToChannelFromBotOAuthScope: BOT_FRAMEWORK,
  });
}

/** The documented Teams personal message, sent through `connector`. */
function activityVia(connector: FakeConnector): Activity {
  return { ...fixture<Activity>('teams/personal-message.json'), serviceUrl: connector.serviceUrl };
}

/** Rejected as CloudAdapter answers 401: botframework-connector's AuthenticationError (told by name), status 401. */
function unauthorized(message: RegExp): (err: unknown) => boolean {
  return (err) =>
    err instanceof Error &&
    err.constructor.name === 'AuthenticationError' &&
    (err as { statusCode?: number }).statusCode === 401 &&
    message.test(err.message);
}

/** A started connector for the block, with botbuilder's console.error (every rejection) silenced. */
function useConnector(options: Parameters<typeof FakeConnector.start>[0]): () => FakeConnector {
  let connector: FakeConnector;
  before(async () => (connector = await FakeConnector.start(options)));
  beforeEach(() => sinon.stub(console, 'error'));
  afterEach(() => sinon.restore());
  after(() => connector.close());
  return () => connector;
}

describe('FakeConnector channel tokens, as botbuilder validates them', () => {
  const connector = useConnector({ auth: { appId: APP_ID } });
  const authenticate = (token: string | ChannelTokenOverrides, activity = activityVia(connector())) =>
    botAuth(connector()).authenticateRequest(
      activity,
      typeof token === 'string' ? token : `Bearer ${connector().channelToken(token)}`,
    );

  it('serves the documented OpenID metadata, whose jwks_uri lists the key with its endorsements', async () => {
    const metadata = (await (await fetch(connector().openIdMetadataUrl)).json()) as Record<string, any>;
    assert.equal(metadata.issuer, BOT_FRAMEWORK);
    assert.deepEqual(metadata.id_token_signing_alg_values_supported, ['RS256']);
    assert.ok(metadata.authorization_endpoint && metadata.token_endpoint_auth_methods_supported);
    const { keys } = (await (await fetch(metadata.jwks_uri)).json()) as { keys: Record<string, any>[] };
    assert.equal(keys.length, 1);
    assert.deepEqual(Object.keys(keys[0]).sort(), ['e', 'endorsements', 'kid', 'kty', 'n', 'use']);
    assert.deepEqual(keys[0].endorsements, ['msteams']);
  });

  it('signs a token botbuilder accepts, naming the bot as audience, also within the 5-minute tolerance', async () => {
    const activity = activityVia(connector());
    const result = await authenticate(connector().authorizationFor(activity), activity);
    assert.equal(result.claimsIdentity.getClaimValue('aud'), APP_ID);
    assert.equal(result.claimsIdentity.getClaimValue('serviceurl'), connector().serviceUrl);
    assert.equal(result.audience, BOT_FRAMEWORK);
    await authenticate({ exp: nowSeconds() - 60 });
  });

  const rejections: [string, () => string | ChannelTokenOverrides, RegExp][] = [
    ['for another audience', () => ({ aud: 'another-bot' }), /Invalid AppId passed on token: another-bot/],
    ['from another issuer', () => ({ iss: 'https://evil.example.com' }), /No valid identity/],
    ['signed with a key the JWKS does not list', () => ({ foreignKey: true }), /Signing Key could not be retrieved/],
    ['expired beyond the tolerance', () => ({ nbf: nowSeconds() - 3600, exp: nowSeconds() - 301 }), /has expired/],
    ['for another serviceurl', () => ({ serviceUrl: 'https://smba.trafficmanager.net/amer/' }), /ServiceUrl claim/],
    ['when there is no token', () => '', /Request is not authorized/],
  ];
  for (const [what, token, message] of rejections) {
    it(`rejects a token ${what} (401)`, () => assert.rejects(authenticate(token()), unauthorized(message)));
  }

  // Refused with jsonwebtoken's own errors, not AuthenticationError: CloudAdapter answers 500.
  const refusals: [string, () => ChannelTokenOverrides, string][] = [
    ['a listed kid with a forged signature', () => ({ foreignKey: true, kid: connector().keyId }), 'JsonWebTokenError'],
    ['not valid until beyond the tolerance', () => ({ nbf: nowSeconds() + 600 }), 'NotBeforeError'],
  ];
  for (const [what, token, name] of refusals) {
    it(`refuses ${what} (${name})`, async () => {
      await assert.rejects(authenticate(token()), { name });
    });
  }
});

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

  it('answers 401 to a token that fails verifyBotToken, and records the call in rejected', async () => {
    assert.equal(await send(connector, botToken('https://graph.microsoft.com')), 401);
    assert.deepEqual(connector.sent, []);
    assert.deepEqual(
      connector.rejected.map((r) => [r.conversationId, r.activity.text]),
      [['x', 'hello']],
    );
  });

  it('answers 401 to a call without a bearer token, before any injected failure', async () => {
    connector.failNext(503);
    assert.equal(await send(connector), 401);
    assert.equal(await send(connector, 'Basic Ym90OnNlY3JldA=='), 401);
    assert.equal(connector.rejected.length, 2);
    assert.equal(await send(connector, botToken()), 503);
  });
});

describe('FakeConnector without auth', () => {
  it('serves no OpenID metadata, signs no tokens and checks no calls without auth', async () => {
    const connector = await FakeConnector.start();
    assert.equal((await fetch(connector.openIdMetadataUrl)).status, 404);
    assert.throws(() => connector.channelToken(), /started without auth/);
    assert.equal(await send(connector), 200);
    assert.deepEqual(connector.rejected, []);
    await connector.close();
  });
});
