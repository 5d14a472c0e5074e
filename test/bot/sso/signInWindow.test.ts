/**
 * The sign-in window's end (real server, auth on): the page's code for Teams, `signin/verifyState` after the
 * callback (the command runs once), and Universal Actions retried with the page's code or an invalid one.
 */
import assert from 'node:assert/strict';
import { actionInvoke } from '../../support/browse';
import { cardText } from '../../support/harness';
import { asUser, USERS, type SecureBot } from '../../support/secureHarness';
import { botGet, pageResult, runIntoConsent, signInThroughEntra, useSecureBot } from '../../support/sso';
import type { EntraUser } from '../../support/fakeEntra';

const REFRESH = { verb: 'refresh', data: { v: 1, kind: 'missingkbs', softwareId: 'microsoft-_-edge', page: 1 } };

describe('sign-in window: the page tells Teams, and Teams comes back (real server, auth on)', () => {
  let bot: SecureBot;
  useSecureBot((started) => (bot = started));

  /** A `signin/verifyState` invoke from `user` with `state`, as Teams sends it after notifySuccess. */
  function verifyState(state: unknown, user: EntraUser = USERS.megan): Record<string, any> {
    const activity = bot.message('', user);
    activity.type = 'invoke';
    activity.name = 'signin/verifyState';
    activity.value = { state };
    delete activity.text;
    return activity;
  }

  /** Presses Refresh as `user`, with `extra` in the invoke's value; gives the HTTP status and parsed answer. */
  async function press(user: EntraUser, extra: Record<string, unknown> = {}): Promise<{ status: number; body: any }> {
    const activity = asUser(actionInvoke(bot.connector.serviceUrl, REFRESH), user);
    Object.assign(activity.value, extra);
    const { status, body } = await bot.post(activity);
    return { status, body: body ? JSON.parse(body) : {} };
  }

  /** Signs Megan in through the page from `startUrl`; gives the page's HTML. */
  async function signInOnPage(startUrl: string): Promise<string> {
    bot.entra.signInAs(USERS.megan);
    const back = await signInThroughEntra(bot, startUrl);
    const callback = await botGet(back.url, back.cookie);
    assert.equal(callback.status, 200);
    return callback.body;
  }

  it('runs the waiting command once: at the callback, and not again when verifyState brings the code', async () => {
    const html = await signInOnPage(await runIntoConsent(bot));
    const code = pageResult(html);
    assert.ok(code, 'the page hands Teams a code');
    const messages = await bot.connector.waitForMessages(3);
    assert.match(cardText(messages[2].activity.attachments[0].content), /KB4540673/);
    assert.equal((await bot.post(verifyState(code))).status, 200);
    assert.equal((await bot.post(verifyState('made-up'))).status, 200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(bot.connector.sent.length, 3);
    assert.equal(bot.defender.requests.length, 1);
  });

  it('retries a Universal Action with the page’s code: the card is updated with the user’s token', async () => {
    const login = await press(USERS.megan);
    assert.equal(login.body.type, 'application/vnd.microsoft.activity.loginRequest');
    const startUrl = String(login.body.value.buttons[0].value).replace('https://bot.example.test', bot.url);
    const code = pageResult(await signInOnPage(startUrl));
    const retried = await press(USERS.megan, { state: code });
    assert.equal(retried.status, 200);
    assert.equal(retried.body.statusCode, 200);
    assert.match(cardText(retried.body.value), /KB4540673/);
  });

  it('answers HTTP 401 invalidAuthCode to a retry with a state the page did not give this user', async () => {
    const login = await press(USERS.megan);
    const startUrl = String(login.body.value.buttons[0].value).replace('https://bot.example.test', bot.url);
    const code = pageResult(await signInOnPage(startUrl));
    // Megan is signed in now; a made-up state, or her code in Adele's hands, is still refused.
    for (const [user, state] of [
      [USERS.megan, '123456'],
      [USERS.megan, `${code}x`],
      [USERS.adele, code],
    ] as const) {
      const refused = await press(user, { state });
      assert.equal(refused.status, 401, `${user.name} ${String(state)}`);
      assert.equal(refused.body.statusCode, 401);
      assert.equal(refused.body.type, 'application/vnd.microsoft.error.invalidAuthCode');
    }
    assert.equal(bot.defender.requests.length, 0);
  });
});
