// End to end with authentication on: names wait for sign-in; card actions need the user's token (src/bot/cardActions.ts).
import assert from 'node:assert/strict';
import { actionInvoke, executeButtons } from '../support/browse';
import { softwareItem } from '../support/fakeDefender';
import { cardOf, cardText, teamsActivity } from '../support/harness';
import { APP_ID, asUser, OTHER_TENANT_ID, USERS, type SecureBot } from '../support/secureHarness';
import { defenderTokens, useSecureBot, waitForOAuthCard } from '../support/sso';

const REFRESH = { verb: 'refresh', data: { v: 1, kind: 'missingkbs', softwareId: 'microsoft-_-edge', page: 1 } };

describe('browsing signed in (real server, auth on)', () => {
  let bot: SecureBot;
  useSecureBot((started) => {
    bot = started;
    bot.defender.software([softwareItem('microsoft-_-edge', { exposedMachines: 240 })]);
  });

  /** Presses Refresh as `user` (with Teams' `authentication` when given); gives the parsed answer. */
  async function press(user = USERS.megan, extra: object = {}, fixture?: string): Promise<Record<string, any>> {
    const activity = asUser(actionInvoke(bot.connector.serviceUrl, REFRESH), user);
    if (fixture) activity.conversation = teamsActivity(fixture, bot.connector.serviceUrl).conversation;
    Object.assign(activity.value, extra);
    const { status, body } = await bot.post(activity);
    assert.equal(status, 200);
    return JSON.parse(body) as Record<string, any>;
  }

  /** Teams' retry of a loginRequest: the SSO token (or `token`) for the exchange the loginRequest named. */
  const authentication = (login: Record<string, any>, token = bot.entra.ssoToken(USERS.megan)): object => ({
    authentication: { id: login.value.tokenExchangeResource.id, connectionName: 'sso', token },
  });

  it('a name waits for sign-in, then resolves and answers with the user’s delegated token only', async () => {
    await bot.post(bot.message('/missingkbs edge'));
    const oauth = await waitForOAuthCard(bot);
    assert.equal(bot.defender.requests.length, 0, 'nothing is looked up before sign-in');
    const sso = bot.entra.ssoToken(USERS.megan);
    assert.equal((await bot.post(bot.tokenExchange(oauth.tokenExchangeResource.id, sso))).status, 200);
    const text = cardText(cardOf((await bot.connector.waitForMessages(2))[1].activity));
    assert.match(text, /“edge” is the software microsoft-_-edge in Defender\.[\s\S]*KB4540673/);
    assert.deepEqual(
      bot.defender.requests.map((r) => r.path),
      ['/api/Software', '/api/Software/microsoft-_-edge/getmissingkbs'],
    );
    for (const token of defenderTokens(bot)) assert.equal(bot.entra.verifyAccessToken(token)?.oid, USERS.megan.oid);
  });

  it('a button without a token gets a loginRequest; with Teams’ SSO token, the card updated with the user’s token', async () => {
    const login = await press();
    assert.equal(login.statusCode, 401);
    assert.equal(login.type, 'application/vnd.microsoft.activity.loginRequest');
    assert.equal(login.value.connectionName, 'sso');
    assert.equal(login.value.tokenExchangeResource.uri, `api://botid-${APP_ID}`);
    assert.equal(login.value.buttons[0].type, 'signin');
    assert.match(login.value.buttons[0].value, /^https:\/\/bot\.example\.test\/auth\/start\?flow=/);
    assert.equal(bot.defender.requests.length, 0);
    const updated = await press(USERS.megan, authentication(login));
    assert.equal(updated.statusCode, 200);
    assert.match(cardText(updated.value), /KB4540673/);
    assert.ok(executeButtons(updated.value).has('Refresh'));
    assert.equal(bot.entra.verifyAccessToken(defenderTokens(bot)[0])?.oid, USERS.megan.oid);
    assert.equal((await press()).statusCode, 200, 'signed in now: no sign-in for the next press');
    assert.ok(bot.logs.some((line) => line.includes('"sso.action_token_exchange"') && line.includes('"signed-in"')));
  });

  it('an SSO token that cannot be exchanged gets 412 preconditionFailed', async () => {
    const refused = await press(USERS.megan, authentication(await press(), 'not-a-jwt'));
    assert.equal(refused.statusCode, 412);
    assert.equal(refused.type, 'application/vnd.microsoft.error.preconditionFailed');
    assert.equal(bot.defender.requests.length, 0);
  });

  it('a retry whose SSO token needs consent gets a loginRequest for the sign-in page only', async () => {
    bot.entra.requireConsent(USERS.megan.oid);
    const login = await press(USERS.megan, authentication(await press()));
    assert.equal(login.type, 'application/vnd.microsoft.activity.loginRequest');
    assert.equal(login.value.tokenExchangeResource, undefined);
    assert.match(login.value.buttons[0].value, /^https:\/\/bot\.example\.test\/auth\/start\?flow=/);
  });

  it("refuses another tenant's invoke (403), before looking at the button or calling anyone", async () => {
    const refused = await press({ ...USERS.adele, tid: OTHER_TENANT_ID });
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.type, 'application/vnd.microsoft.error');
    assert.equal(bot.defender.requests.length, 0);
    assert.ok(bot.logs.some((l) => l.includes('bot.tenant_refused')));
  });

  it('in a group chat the updated card says whose Defender access it used', async () => {
    const login = await press(USERS.megan, {}, 'group-chat-message-mention');
    const { value } = await press(USERS.megan, authentication(login), 'group-chat-message-mention');
    assert.match(cardText(value), /with the Defender access of Megan Bowen\./);
  });
});
