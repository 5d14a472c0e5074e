/** Teams SSO end to end with authentication on: OAuthCard, token exchange, On-Behalf-Of, cache. */
import assert from 'node:assert/strict';
import { cardOf, cardText } from '../../support/harness';
import { APP_ID, USERS, type SecureBot } from '../../support/secureHarness';
import {
  askAndExchangeFromClients,
  connectorTokens,
  defenderTokens,
  oboRequests,
  useSecureBot,
  waitForOAuthCard,
} from '../../support/sso';

describe('sign-in: Teams SSO and On-Behalf-Of (real server, auth on)', () => {
  let bot: SecureBot;
  useSecureBot((started) => (bot = started));

  /** Sends the command, answers the OAuthCard with an SSO token, and returns the invoke's answer. */
  async function signIn(ssoToken = bot.entra.ssoToken(USERS.megan)): Promise<{ status: number; body: string }> {
    assert.equal((await bot.post(bot.message('/missingkbs microsoft-_-edge'))).status, 200);
    const oauth = await waitForOAuthCard(bot);
    return bot.post(bot.tokenExchange(oauth.tokenExchangeResource.id, ssoToken));
  }

  it('asks Teams for the SSO token with an OAuthCard and calls nobody yet', async () => {
    await bot.post(bot.message('/missingkbs microsoft-_-edge'));
    const oauth = await waitForOAuthCard(bot);
    assert.equal(oauth.tokenExchangeResource.uri, `api://botid-${APP_ID}`);
    assert.ok(oauth.tokenExchangeResource.id);
    assert.equal(oauth.connectionName, 'sso');
    assert.match(oauth.buttons[0].value, /^https:\/\/bot\.example\.test\/auth\/start\?flow=/);
    assert.equal(bot.defender.requests.length, 0);
    assert.equal(oboRequests(bot).length, 0);
  });

  it('exchanges the SSO token On-Behalf-Of and answers with the card; Defender sees the OBO token only', async () => {
    const sso = bot.entra.ssoToken(USERS.megan);
    const answer = await signIn(sso);
    assert.equal(answer.status, 200);
    const messages = await bot.connector.waitForMessages(2);
    const text = cardText(cardOf(messages[1].activity));
    assert.ok(text.includes('KB4540673'), text);
    assert.equal(oboRequests(bot).length, 1);
    const [token] = defenderTokens(bot);
    assert.notEqual(token, sso);
    const claims = bot.entra.verifyAccessToken(token);
    assert.ok(claims, 'Defender got a token issued by Entra ID');
    assert.equal(claims.oid, USERS.megan.oid);
    assert.match(String(claims.scp), /Software\.Read/);
    assert.equal(claims.roles, undefined, 'a delegated token, not an app-only one');
  });

  it('replies to Teams with its own Bot Connector token from Entra ID', async () => {
    await signIn();
    await bot.connector.waitForMessages(2);
    assert.equal(bot.connector.rejected.length, 0);
    const tokens = connectorTokens(bot.connector.sent);
    assert.ok(tokens.length >= 2);
    for (const token of tokens) assert.equal(bot.entra.verifyAccessToken(token)?.aud, 'https://api.botframework.com');
  });

  it('serves a repeat command from its cache: no call to Entra ID, no new sign-in', async () => {
    await signIn();
    await bot.connector.waitForMessages(2);
    const userTokenRequests = (): number =>
      bot.entra.tokenRequests.filter((r) => r.grantType !== 'client_credentials').length;
    const before = userTokenRequests();
    bot.connector.sent.splice(0);
    await bot.post(bot.message('/missingkbs microsoft-_-edge'));
    const [reply] = await bot.connector.waitForMessages(1);
    assert.ok(cardText(cardOf(reply.activity)).includes('KB4540673'));
    assert.equal(userTokenRequests(), before);
    assert.equal(oboRequests(bot).length, 1);
    assert.equal(bot.defender.requests.length, 2);
  });

  it('runs the command once when Teams sends the same token exchange from several clients at once', async () => {
    const statuses = await askAndExchangeFromClients(bot, bot.entra.ssoToken(USERS.megan));
    assert.deepEqual(statuses, [200, 200, 200]);
    await bot.connector.waitForMessages(2);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(bot.connector.messages().filter((m) => cardOf(m.activity)).length, 1);
    assert.equal(oboRequests(bot).length, 1);
    assert.equal(bot.defender.requests.length, 1);
  });

  it('keeps users apart: each gets their own token', async () => {
    await signIn();
    await bot.connector.waitForMessages(2);
    bot.connector.sent.splice(0);
    await bot.post(bot.message('/missingkbs microsoft-_-edge', USERS.adele));
    const oauth = await waitForOAuthCard(bot);
    await bot.post(bot.tokenExchange(oauth.tokenExchangeResource.id, bot.entra.ssoToken(USERS.adele), USERS.adele));
    await bot.connector.waitForMessages(2);
    const owners = defenderTokens(bot).map((t) => bot.entra.verifyAccessToken(t)?.oid);
    assert.deepEqual(owners, [USERS.megan.oid, USERS.adele.oid]);
  });

  it('never writes a token or the secret to the log, at debug level', async () => {
    const sso = bot.entra.ssoToken(USERS.megan);
    await signIn(sso);
    await bot.connector.waitForMessages(2);
    const secrets = [sso, ...defenderTokens(bot), ...connectorTokens(bot.connector.sent), 'fake-secret-value'];
    const log = bot.logs.join('\n');
    assert.ok(bot.logs.length > 5);
    for (const secret of secrets) {
      assert.ok(!log.includes(secret), `log holds ${secret.slice(0, 12)}…`);
      assert.ok(!log.includes(secret.split('.')[2] ?? secret), 'log holds a token signature');
    }
  });
});
