/**
 * Teams SSO in the bot (src/bot/sso.ts, ssoExchange.ts), end to end with authentication on: OAuthCard, token
 * exchange, On-Behalf-Of per user, failures, tenants, conversations and the exchange's time budget.
 */
import assert from 'node:assert/strict';
import type { Activity, TurnContext } from 'botbuilder';
import sinon from 'sinon';
import { SsoHandler, type BotSignIn } from '../../../src/bot/sso';
import { silentLogger } from '../../../src/log';
import { ofType } from '../../support/cards';
import { EDGE_KB } from '../../support/defenderClient';
import { odata } from '../../support/fakeDefender';
import { cardOf, cardText, teamsActivity } from '../../support/harness';
import { waitFor } from '../../support/http';
import { ALICE, signInService } from '../../support/signIn';
import { APP_ID, asUser, OTHER_TENANT_ID, startSecureBot, TENANT_ID, USERS } from '../../support/secureHarness';
import type { SecureBot } from '../../support/secureHarness';
import { askAndExchangeFromClients, connectorTokens, defenderTokens } from '../../support/sso';
import { oauthCardOf, oboRequests, useSecureBot, waitForOAuthCard } from '../../support/sso';

const STRANGER = { oid: '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a', tid: OTHER_TENANT_ID, name: 'Stranger' };
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('Teams SSO and On-Behalf-Of (real server, auth on)', () => {
  let bot: SecureBot;
  useSecureBot((started) => (bot = started));

  /** Sends the command as Megan and answers its OAuthCard with `token`; gives the invoke's status. */
  const exchange = async (token: string): Promise<number> => (await askAndExchangeFromClients(bot, token, 1))[0];
  /** Sends the command as `user` (Megan) and answers its OAuthCard with their SSO token; waits for the answer. */
  async function signIn(user = USERS.megan, sso = bot.entra.ssoToken(user)): Promise<void> {
    await askAndExchangeFromClients(bot, sso, 1, user);
    await bot.connector.waitForMessages(2);
  }
  /** Token requests to Entra ID made for users (not the bot's own client credentials). */
  const userTokenRequests = (): number =>
    bot.entra.tokenRequests.filter((r) => r.grantType !== 'client_credentials').length;

  it('exchanges the SSO token On-Behalf-Of once, however many clients send it; Defender sees the OBO token, Teams the bot’s own', async () => {
    const sso = bot.entra.ssoToken(USERS.megan);
    assert.deepEqual(await askAndExchangeFromClients(bot, sso), [200, 200, 200]);
    await bot.connector.waitForMessages(2);
    await pause(300);
    assert.equal(bot.connector.messages().filter((m) => cardOf(m.activity)).length, 1, 'the command ran once');
    assert.ok(cardText(cardOf(bot.connector.messages()[1].activity)).includes('KB4540673'));
    assert.equal(oboRequests(bot).length + bot.defender.requests.length, 2);
    const [token] = defenderTokens(bot);
    assert.notEqual(token, sso);
    const claims = bot.entra.verifyAccessToken(token);
    assert.equal(claims?.oid, USERS.megan.oid);
    assert.match(String(claims?.scp), /Software\.Read/);
    assert.equal(claims?.roles, undefined, 'a delegated token, not an app-only one');
    assert.equal(bot.connector.rejected.length, 0);
    const sent = connectorTokens(bot.connector.sent);
    assert.ok(sent.length >= 2);
    for (const t of sent) assert.equal(bot.entra.verifyAccessToken(t)?.aud, 'https://api.botframework.com');
  });

  it('serves a repeat from its cache (no Entra ID call), and keeps users apart: each their own token', async () => {
    await signIn();
    const before = userTokenRequests();
    bot.connector.sent.splice(0);
    await bot.post(bot.message('/missingkbs microsoft-_-edge'));
    const [reply] = await bot.connector.waitForMessages(1);
    assert.ok(cardText(cardOf(reply.activity)).includes('KB4540673'));
    assert.equal(userTokenRequests(), before);
    bot.connector.sent.splice(0);
    await signIn(USERS.adele);
    const owners = defenderTokens(bot).map((t) => bot.entra.verifyAccessToken(t)?.oid);
    assert.deepEqual(owners, [USERS.megan.oid, USERS.megan.oid, USERS.adele.oid]);
  });

  it('answers every client 412 with one sign-in card carrying the consent links when consent is missing', async () => {
    bot.entra.requireConsent(USERS.megan.oid);
    assert.deepEqual(await askAndExchangeFromClients(bot, bot.entra.ssoToken(USERS.megan)), [412, 412, 412]);
    const [, reply] = await bot.connector.waitForMessages(2);
    const card = cardOf(reply.activity);
    assert.ok(cardText(card).includes('Consent needed') && cardText(card).includes('AADSTS65001'), cardText(card));
    const urls = ofType(card, 'Action.OpenUrl').map((a) => String(a.url));
    assert.ok(
      urls.some((u) => u.startsWith('https://bot.example.test/auth/start?flow=')),
      urls.join(),
    );
    assert.ok(urls.includes(`${bot.entra.url}/${TENANT_ID}/adminconsent?client_id=${APP_ID}`), urls.join());
    await pause(200);
    assert.equal(bot.connector.messages().length, 2, 'the OAuthCard and one consent card');
    assert.equal(oboRequests(bot).length, 1);
    assert.equal(bot.defender.requests.length, 0);
  });

  it('asks Teams for a fresh token (no error card) when the assertion or the SSO token expired', async () => {
    const sso = bot.entra.ssoToken(USERS.megan);
    bot.entra.revoke(USERS.megan.oid);
    assert.equal(await exchange(sso), 412);
    const messages = await bot.connector.waitForMessages(2);
    assert.ok(oauthCardOf(messages[1].activity), 'a second OAuthCard asks for a fresh token');
    assert.equal(messages.filter((m) => cardOf(m.activity)).length, 0, 'no error card');
    bot.connector.sent.splice(0);
    const past = Math.floor(Date.now() / 1000) - 3600;
    assert.equal(await exchange(bot.entra.ssoToken(USERS.megan, { exp: past, nbf: past - 3600 })), 412);
    const fresh = oauthCardOf((await bot.connector.waitForMessages(2))[1].activity);
    // The fresh token Teams sends is stale too: asked once, the bot now offers the sign-in page instead.
    const stale = bot.entra.ssoToken(USERS.megan, { exp: past, nbf: past - 3600 });
    assert.equal((await bot.post(bot.tokenExchange(fresh?.tokenExchangeResource.id, stale))).status, 412);
    const [, , signInCard] = await bot.connector.waitForMessages(3);
    assert.ok(cardText(cardOf(signInCard.activity)).includes('Sign in'), cardText(cardOf(signInCard.activity)));
    assert.equal(oboRequests(bot).length + bot.defender.requests.length, 1, 'the revoked one only');
  });

  // Each claim is checked in test/auth/ssoToken.test.ts; this shows the bot's answer to a refused token.
  it('refuses an SSO token of another user: 412, a sign-in card, no OBO call, the reason logged', async () => {
    assert.equal(await exchange(bot.entra.ssoToken(USERS.adele)), 412);
    const [, reply] = await bot.connector.waitForMessages(2);
    assert.ok(cardText(cardOf(reply.activity)).includes('Teams could not sign you in'));
    assert.equal(oboRequests(bot).length + bot.defender.requests.length, 0);
    const rejected = bot.logs.filter((line) => line.includes('auth.sso_rejected'));
    assert.ok(
      rejected.some((line) => line.includes('user mismatch')),
      rejected.join('\n'),
    );
  });

  it('never writes a token or the secret to the log (debug level), on success and failure paths', async () => {
    const sso = bot.entra.ssoToken(USERS.megan);
    await signIn(USERS.megan, sso);
    const forged = bot.entra.ssoToken(USERS.megan, { foreignKey: true });
    assert.equal((await bot.post(bot.tokenExchange('any-id', forged))).status, 412);
    const secrets = [sso, forged, ...defenderTokens(bot), ...connectorTokens(bot.connector.sent), 'fake-secret-value'];
    const log = bot.logs.join('\n');
    assert.ok(bot.logs.length > 5);
    for (const secret of secrets) {
      assert.ok(!log.includes(secret), `log holds ${secret.slice(0, 12)}…`);
      for (const part of secret.split('.').slice(1)) assert.ok(part === '' || !log.includes(part), 'a token part');
    }
  });

  it('explains signin/failure (resourcematchfailed), and says so when verifyState finds no sign-in', async () => {
    const failure = bot.invoke('signin/failure', { code: 'resourcematchfailed', message: 'no match' });
    assert.equal((await bot.post(failure)).status, 200);
    const text = cardText(cardOf((await bot.connector.waitForMessages(1))[0].activity));
    assert.ok(text.includes('resourcematchfailed') && text.includes('webApplicationInfo.resource'), text);
    assert.equal((await bot.post(bot.invoke('signin/verifyState', { state: '123456' }))).status, 200);
    assert.ok(
      cardText(cardOf((await bot.connector.waitForMessages(2))[1].activity)).includes('Sign-in did not finish'),
    );
  });

  it('refuses another tenant: its message politely, its invokes with 403, its install silently; no Entra ID call', async () => {
    const before = userTokenRequests();
    assert.equal((await bot.post(bot.message('/missingkbs microsoft-_-edge', STRANGER))).status, 200);
    const [reply] = await bot.connector.waitForMessages(1);
    assert.ok(cardText(cardOf(reply.activity)).includes('Not available in your organisation'));
    bot.connector.sent.splice(0);
    for (const name of ['signin/tokenExchange', 'signin/verifyState', 'signin/failure']) {
      const value = { id: 'any-id', token: bot.entra.ssoToken(STRANGER), state: '123456', code: 'resourcematchfailed' };
      assert.equal((await bot.post(bot.invoke(name, value, STRANGER))).status, 403, name);
    }
    const install = asUser(teamsActivity('installation-update-add', bot.connector.serviceUrl), STRANGER);
    assert.equal((await bot.post(install)).status, 200);
    await pause(200);
    assert.equal(bot.connector.sent.length + bot.defender.requests.length, 0);
    assert.equal(userTokenRequests(), before);
    assert.ok(bot.logs.some((line) => line.includes('bot.tenant_refused')));
  });

  it('in a channel (no SSO there) points to a 1:1 chat; signed in, answers saying whose access it used', async () => {
    await bot.post(bot.message('/missingkbs microsoft-_-edge', USERS.megan, 'channel-message-mention'));
    const [reply] = await bot.connector.waitForMessages(1);
    assert.equal(oauthCardOf(reply.activity), undefined);
    assert.ok(cardText(cardOf(reply.activity)).includes('Sign in once in a chat with me'));
    const [open] = ofType(cardOf(reply.activity), 'Action.OpenUrl');
    assert.equal(open.url, `https://teams.microsoft.com/l/chat/0/0?users=28:${APP_ID}`);
    assert.equal(bot.defender.requests.length + oboRequests(bot).length, 0);
    bot.connector.sent.splice(0);
    await signIn();
    bot.connector.sent.splice(0);
    await bot.post(bot.message('/missingkbs microsoft-_-edge', USERS.megan, 'channel-message-mention'));
    const [answer] = await bot.connector.waitForMessages(1);
    assert.ok(cardText(cardOf(answer.activity)).includes('KB4540673'));
    assert.equal(answer.activity.text, "Looked up with Megan Bowen's Defender access.");
  });

  it('asks Teams for the SSO token with an OAuthCard; in a group chat, ignores another member’s client answering it', async () => {
    await bot.post(bot.message('/missingkbs microsoft-_-edge', USERS.megan, 'group-chat-message-mention'));
    const oauth = await waitForOAuthCard(bot);
    assert.equal(oauth.tokenExchangeResource.uri, `api://botid-${APP_ID}`);
    assert.equal(oauth.connectionName, 'sso');
    assert.match(oauth.buttons[0].value, /^https:\/\/bot\.example\.test\/auth\/start\?flow=/);
    const other = bot.tokenExchange(oauth.tokenExchangeResource.id, bot.entra.ssoToken(USERS.adele), USERS.adele);
    assert.equal((await bot.post(other)).status, 200);
    await pause(200);
    assert.equal(oboRequests(bot).length + bot.defender.requests.length, 0, 'nobody called yet');
    assert.equal(bot.connector.messages().length, 1, 'only the OAuthCard');
    const own = bot.tokenExchange(oauth.tokenExchangeResource.id, bot.entra.ssoToken(USERS.megan));
    assert.equal((await bot.post(own)).status, 200);
    assert.ok(cardText(cardOf((await bot.connector.waitForMessages(2))[1].activity)).includes('KB4540673'));
  });

  it('after a restart lost the flow, signs the user in and asks for the command again', async () => {
    const invoke = bot.tokenExchange('flow-from-before-a-restart', bot.entra.ssoToken(USERS.megan));
    assert.equal((await bot.post(invoke)).status, 200);
    const [reply] = await bot.connector.waitForMessages(1);
    assert.equal(reply.activity.text, 'You are signed in. Send your command again.');
    assert.equal(bot.defender.requests.length, 0);
  });
});

describe('Teams SSO against the clock and the channel’s token (real server, auth on)', () => {
  let bot: SecureBot | undefined;
  afterEach(() => {
    sinon.restore();
    return bot?.stop();
  });

  it('fetches the tenant’s OpenID metadata at start, then refuses requests without a valid channel token', async () => {
    const started = (bot = await startSecureBot());
    const metadata = `/${TENANT_ID}/v2.0/.well-known/openid-configuration`;
    await waitFor(() => (started.entra.requests.some((r) => r.path === metadata) ? true : undefined), 5000, 'metadata');
    assert.equal(oboRequests(started).length, 0);
    // botbuilder prints each refused token's error with console.error; the answers are what matters.
    sinon.stub(console, 'error');
    const c = started.connector;
    const authorizations: [string, string | null][] = [
      ['no Authorization header', null],
      ['an unknown key', c.channelToken({ foreignKey: true })],
      ['a forged signature on a known key id', c.channelToken({ foreignKey: true, kid: c.keyId })],
      ['an expired token', c.channelToken({ exp: Math.floor(Date.now() / 1000) - 3600 })],
      ['a token for another bot', c.channelToken({ aud: '00000000-0000-0000-0000-000000000000' })],
      ['a token for another serviceUrl', c.channelToken({ serviceUrl: 'https://evil.example/' })],
    ];
    for (const [what, token] of authorizations) {
      const answer = await started.post(started.message('/missingkbs microsoft-_-edge'), token && `Bearer ${token}`);
      assert.equal(answer.status, 401, `${what}: ${answer.body}`);
    }
    await pause(100);
    assert.equal(c.sent.length + started.defender.requests.length, 0);
  });

  it('answers 412 when Entra ID outlasts the budget, says sign-in is slow, and runs the command once when it ends', async () => {
    const started = (bot = await startSecureBot({}, { exchangeBudgetMs: 300 }));
    started.defender.script('microsoft-_-edge', { body: odata([EDGE_KB]) });
    started.entra.oboDelayMs = 1200;
    await started.post(started.message('/missingkbs microsoft-_-edge'));
    const oauth = await waitForOAuthCard(started);
    const invoke = started.tokenExchange(oauth.tokenExchangeResource.id, started.entra.ssoToken(USERS.megan));
    assert.equal((await started.post(invoke)).status, 412);
    const [, slow] = await started.connector.waitForMessages(2);
    const slowText = cardText(cardOf(slow.activity));
    assert.ok(slowText.includes('Signing you in is taking longer than usual') && !slowText.includes('Defender'));
    const [, , answer] = await started.connector.waitForMessages(3);
    assert.ok(cardText(cardOf(answer.activity)).includes('KB4540673'));
    // Teams tries again after the 412: the same exchange, which worked, and not a second command.
    assert.equal((await started.post(invoke)).status, 200);
    await pause(300);
    assert.equal(started.connector.sent.length, 3, 'one answer, not two');
    assert.equal(started.defender.requests.length + oboRequests(started).length, 2);
    assert.ok(started.logs.some((line) => line.includes('"sso.token_exchange"') && line.includes('"timeout"')));
  });
});

describe('SsoHandler on fakes', () => {
  it('answers 412 with the error card when the exchange fails (signing keys unavailable)', async () => {
    const { service, validator } = signInService();
    validator.result = { ok: false, reason: 'unavailable', detail: 'metadata: HTTP 503' };
    const auth = {
      service: service as unknown as BotSignIn['service'],
      allowedTenants: [],
      appId: APP_ID,
      ssoResource: 'api://x',
      connectionName: 'sso',
      adminConsentUrl: () => '',
    };
    const handler = new SsoHandler(auth, () => undefined, silentLogger);
    const sent: Partial<Activity>[] = [];
    const activity = { value: { id: 'x', token: 't' }, channelId: 'msteams', conversation: { id: 'c' } };
    const context = { activity, sendActivity: (a: Partial<Activity>) => Promise.resolve(sent.push(a)) };
    const answer = await handler.tokenExchange(context as unknown as TurnContext, ALICE);
    assert.equal(answer.status, 412);
    assert.match(cardText(sent[0].attachments?.[0].content), /Defender|Entra|try again/i);
  });
});
