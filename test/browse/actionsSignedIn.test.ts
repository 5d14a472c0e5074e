// End to end with authentication on: card actions need the user's token (SSO loginRequest) and the tenant gate.
import assert from 'node:assert/strict';
import { EDGE_KB } from '../support/defenderClient';
import { odata } from '../support/fakeDefender';
import { cardText, teamsActivity } from '../support/harness';
import { actionInvoke, executeButtons } from '../support/browse';
import { APP_ID, asUser, OTHER_TENANT_ID, startSecureBot, USERS, type SecureBot } from '../support/secureHarness';
import { defenderTokens } from '../support/sso';

const REFRESH = { verb: 'refresh', data: { v: 1, kind: 'missingkbs', softwareId: 'microsoft-_-edge', page: 1 } };

describe('Universal Actions, signed in (real server, auth on)', () => {
  let bot: SecureBot;
  beforeEach(async () => {
    bot = await startSecureBot();
    bot.defender.script('microsoft-_-edge', { body: odata([EDGE_KB]) });
  });
  afterEach(() => bot.stop());

  /** Presses Refresh as `user` (with Teams' `authentication` or `state` when given); gives the parsed answer. */
  async function press(
    user = USERS.megan,
    extra: Record<string, unknown> = {},
    fixture?: string,
  ): Promise<{ status: number; body: Record<string, any> }> {
    const activity = asUser(actionInvoke(bot.connector.serviceUrl, REFRESH), user);
    if (fixture) activity.conversation = teamsActivity(fixture, bot.connector.serviceUrl).conversation;
    Object.assign(activity.value, extra);
    const { status, body } = await bot.post(activity);
    return { status, body: JSON.parse(body) as Record<string, any> };
  }

  it('without a token: a loginRequest with the SSO resource and a sign-in button; Defender is not called', async () => {
    const { status, body } = await press();
    assert.equal(status, 200);
    assert.equal(body.statusCode, 401);
    assert.equal(body.type, 'application/vnd.microsoft.activity.loginRequest');
    assert.equal(body.value.connectionName, 'sso');
    assert.equal(body.value.tokenExchangeResource.uri, `api://botid-${APP_ID}`);
    assert.ok(body.value.tokenExchangeResource.id);
    assert.equal(body.value.buttons[0].type, 'signin');
    assert.match(body.value.buttons[0].value, /^https:\/\/bot\.example\.test\/auth\/start\?flow=/);
    assert.equal(bot.defender.requests.length, 0);
  });

  it('Teams retries with the SSO token: exchanged On-Behalf-Of, the card is updated with the user’s token', async () => {
    const login = await press();
    const authentication = {
      id: login.body.value.tokenExchangeResource.id,
      connectionName: 'sso',
      token: bot.entra.ssoToken(USERS.megan),
    };
    const { body } = await press(USERS.megan, { authentication });
    assert.equal(body.statusCode, 200);
    assert.match(cardText(body.value), /KB4540673/);
    assert.ok(executeButtons(body.value).has('Refresh'));
    const [token] = defenderTokens(bot);
    assert.equal(bot.entra.verifyAccessToken(token)?.oid, USERS.megan.oid);
    // Signed in now: the next press needs no sign-in.
    assert.equal((await press()).body.statusCode, 200);
  });

  it('an SSO token that cannot be exchanged gets 412 preconditionFailed', async () => {
    const login = await press();
    const bad = { id: login.body.value.tokenExchangeResource.id, connectionName: 'sso', token: 'not-a-jwt' };
    const refused = await press(USERS.megan, { authentication: bad });
    assert.equal(refused.body.statusCode, 412);
    assert.equal(refused.body.type, 'application/vnd.microsoft.error.preconditionFailed');
    assert.equal(bot.defender.requests.length, 0);
  });

  it("refuses another tenant's invoke (403), before looking at the button or calling anyone", async () => {
    const stranger = { ...USERS.adele, tid: OTHER_TENANT_ID };
    const { status, body } = await press(stranger);
    assert.equal(status, 200);
    assert.equal(body.statusCode, 403);
    assert.equal(body.type, 'application/vnd.microsoft.error');
    assert.equal(bot.defender.requests.length, 0);
    assert.ok(bot.logs.some((l) => l.includes('bot.tenant_refused')));
  });

  it('in a group chat the updated card says whose Defender access it used', async () => {
    const login = await press(USERS.megan, {}, 'group-chat-message-mention');
    const authentication = {
      id: login.body.value.tokenExchangeResource.id,
      connectionName: 'sso',
      token: bot.entra.ssoToken(USERS.megan),
    };
    const { body } = await press(USERS.megan, { authentication }, 'group-chat-message-mention');
    assert.match(cardText(body.value), /with the Defender access of Megan Bowen\./);
  });
});
