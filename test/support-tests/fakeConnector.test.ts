/**
 * The fake Bot Connector's channel authentication, checked with botbuilder's real validation (not a stub):
 * ConfigurationBotFrameworkAuthentication configured as the bot is, pointed at the fake's OpenID metadata;
 * and its check of the bearer token on the bot's own calls (none without `auth`).
 */
import assert from 'node:assert/strict';
import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import sinon from 'sinon';
import { FakeConnector } from '../support/fakeConnector';
import { fixture } from '../support/fixtures';
import { decodeJwt, nowSeconds, signJwt, signingKey, verifyJwt } from '../support/jwt';

const APP_ID = 'c9e8c047-2a74-40a2-b28a-b162d5f5327c';
const TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';

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
    ToChannelFromBotOAuthScope: 'https://api.botframework.com',
  });
}

/** The documented Teams personal message, sent through `connector`. */
function activityVia(connector: FakeConnector, channelId = 'msteams'): Activity {
  return { ...fixture<Activity>('teams/personal-message.json'), serviceUrl: connector.serviceUrl, channelId };
}

/**
 * Rejected as CloudAdapter answers 401: with botframework-connector's AuthenticationError (botbuilder does not
 * re-export the class, so it is told by name) and status 401.
 */
function unauthorized(message: RegExp): (err: unknown) => boolean {
  return (err) =>
    err instanceof Error &&
    err.constructor.name === 'AuthenticationError' &&
    (err as { statusCode?: number }).statusCode === 401 &&
    message.test(err.message);
}

describe('FakeConnector channel tokens, as botbuilder validates them', () => {
  let connector: FakeConnector;
  let auth: ConfigurationBotFrameworkAuthentication;
  let activity: Activity;
  before(async () => {
    connector = await FakeConnector.start({ auth: { appId: APP_ID } });
    auth = botAuth(connector);
    activity = activityVia(connector);
  });
  // botbuilder writes every rejected signature or expiry to console.error.
  beforeEach(() => sinon.stub(console, 'error'));
  afterEach(() => sinon.restore());
  after(() => connector.close());

  const rejects = (header: string, message: RegExp): Promise<void> =>
    assert.rejects(auth.authenticateRequest(activity, header), unauthorized(message));
  const bearer = (overrides: Parameters<FakeConnector['channelToken']>[0]): string =>
    `Bearer ${connector.channelToken(overrides)}`;

  it('serves the documented OpenID metadata, whose jwks_uri lists the key with its endorsements', async () => {
    const metadata = (await (await fetch(connector.openIdMetadataUrl)).json()) as Record<string, any>;
    assert.equal(metadata.issuer, 'https://api.botframework.com');
    assert.deepEqual(metadata.id_token_signing_alg_values_supported, ['RS256']);
    assert.ok(metadata.authorization_endpoint && metadata.token_endpoint_auth_methods_supported);
    const { keys } = (await (await fetch(metadata.jwks_uri)).json()) as { keys: Record<string, any>[] };
    assert.equal(keys.length, 1);
    assert.deepEqual(Object.keys(keys[0]).sort(), ['e', 'endorsements', 'kid', 'kty', 'n', 'use']);
    assert.deepEqual(keys[0].endorsements, ['msteams']);
  });

  it('signs a token botbuilder accepts, naming the bot as audience', async () => {
    const result = await auth.authenticateRequest(activity, connector.authorizationFor(activity));
    assert.equal(result.claimsIdentity.getClaimValue('aud'), APP_ID);
    assert.equal(result.claimsIdentity.getClaimValue('serviceurl'), connector.serviceUrl);
    assert.equal(result.audience, 'https://api.botframework.com');
  });

  it('is accepted within the 5-minute clock tolerance after expiry', async () => {
    await auth.authenticateRequest(activity, bearer({ exp: nowSeconds() - 60 }));
  });

  it('is rejected for another audience (another bot)', () =>
    rejects(bearer({ aud: 'another-bot' }), /Invalid AppId passed on token: another-bot/));

  it('is rejected from another issuer', () =>
    rejects(bearer({ iss: 'https://evil.example.com' }), /No valid identity/));

  it('is rejected when signed with a key the JWKS does not list', () =>
    rejects(bearer({ foreignKey: true }), /Signing Key could not be retrieved/));

  it('is rejected when expired beyond the 5-minute clock tolerance', () =>
    rejects(bearer({ nbf: nowSeconds() - 3600, exp: nowSeconds() - 301 }), /The token has expired/));

  it('is rejected when its serviceurl claim is not the activity serviceUrl', () =>
    rejects(bearer({ serviceUrl: 'https://smba.trafficmanager.net/amer/' }), /ServiceUrl claim do not match/));

  it('is rejected when there is no token', () => rejects('', /Request is not authorized/));

  // These two are refused, but with jsonwebtoken's own errors, not AuthenticationError: CloudAdapter answers 500.
  it('is refused (JsonWebTokenError) when a listed kid carries a forged signature', async () => {
    const kid = decodeJwt(connector.channelToken())!.header.kid as string;
    const forged = bearer({ foreignKey: true, kid });
    await assert.rejects(auth.authenticateRequest(activity, forged), { name: 'JsonWebTokenError' });
  });

  it('is refused (NotBeforeError) when not valid until beyond the tolerance', async () => {
    const early = bearer({ nbf: nowSeconds() + 600 });
    await assert.rejects(auth.authenticateRequest(activity, early), { name: 'NotBeforeError' });
  });
});

describe('FakeConnector endorsements, as botbuilder validates them', () => {
  let connector: FakeConnector;
  before(async () => {
    connector = await FakeConnector.start({ auth: { appId: APP_ID, endorsements: ['webchat'] } });
  });
  beforeEach(() => sinon.stub(console, 'error'));
  afterEach(() => sinon.restore());
  after(() => connector.close());

  it('rejects a key that does not endorse the activity channelId, and accepts one that does', async () => {
    const auth = botAuth(connector);
    const teams = activityVia(connector);
    await assert.rejects(
      auth.authenticateRequest(teams, connector.authorizationFor(teams)),
      unauthorized(/Could not validate endorsement for key: .* with endorsements: webchat/),
    );
    const webchat = activityVia(connector, 'webchat');
    await auth.authenticateRequest(webchat, connector.authorizationFor(webchat));
  });
});

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
