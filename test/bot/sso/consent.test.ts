/** The consent page end to end: sign-in button → /auth/start → Entra ID → /auth/callback → the command runs. */
import assert from 'node:assert/strict';
import { cardOf, cardText } from '../../support/harness';
import { APP_SECRET, USERS, type SecureBot } from '../../support/secureHarness';
import { botGet, defenderTokens, runIntoConsent, signInThroughEntra, useSecureBot } from '../../support/sso';

describe('sign-in: consent page (real server, auth on)', () => {
  let bot: SecureBot;
  useSecureBot((started) => (bot = started));

  const consentNeeded = (): Promise<string> => runIntoConsent(bot);
  const throughEntra = (startUrl: string): Promise<{ url: string; cookie: string }> =>
    signInThroughEntra(bot, startUrl);

  it('signs the user in with the code flow and PKCE, then runs the waiting command', async () => {
    const start = await consentNeeded();
    bot.entra.signInAs(USERS.megan);
    const back = await throughEntra(start);
    const callback = await botGet(back.url, back.cookie);
    assert.equal(callback.status, 200);
    assert.ok(callback.body.includes('You are signed in'));
    assert.match(callback.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    assert.equal(callback.headers.get('x-frame-options'), 'DENY');
    const messages = await bot.connector.waitForMessages(3);
    assert.ok(cardText(cardOf(messages[2].activity)).includes('KB4540673'));
    assert.equal(bot.entra.verifyAccessToken(defenderTokens(bot)[0])?.oid, USERS.megan.oid);
  });

  it('writes no authorization code, state, browser cookie, token or secret to the log (debug level)', async () => {
    const start = await consentNeeded();
    bot.entra.signInAs(USERS.megan);
    const back = await throughEntra(start);
    await botGet(back.url, back.cookie);
    await bot.connector.waitForMessages(3);
    const query = new URL(back.url).searchParams;
    const flow = new URL(start).searchParams.get('flow') ?? '';
    const secrets = [query.get('code') ?? '', query.get('state') ?? '', back.cookie.split('=')[1], flow];
    secrets.push(...defenderTokens(bot), APP_SECRET);
    const log = bot.logs.join('\n');
    assert.ok(bot.logs.length > 5);
    for (const secret of secrets) {
      assert.ok(secret.length >= 8, 'a real value to look for');
      assert.ok(!log.includes(secret), `the log holds ${secret.slice(0, 8)}…`);
    }
  });

  it('refuses a sign-in with another account than the one that asked', async () => {
    const start = await consentNeeded();
    bot.entra.signInAs(USERS.adele);
    const back = await throughEntra(start);
    const callback = await botGet(back.url, back.cookie);
    assert.equal(callback.status, 403);
    assert.ok(callback.body.includes('another account'));
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(bot.defender.requests.length, 0);
  });

  it('uses each state once: a replayed callback gets the expired page', async () => {
    const start = await consentNeeded();
    bot.entra.signInAs(USERS.megan);
    const back = await throughEntra(start);
    assert.equal((await botGet(back.url, back.cookie)).status, 200);
    const replay = await botGet(back.url, back.cookie);
    assert.equal(replay.status, 400);
    assert.ok(replay.body.includes('expired'));
  });

  it('refuses to finish a sign-in in another browser than the one that started it (login CSRF)', async () => {
    const start = await consentNeeded();
    bot.entra.signInAs(USERS.megan);
    const back = await throughEntra(start);
    const callback = await botGet(back.url);
    assert.equal(callback.status, 400);
    assert.ok(callback.body.includes('Finish signing in where you started'));
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(bot.defender.requests.length, 0);
  });

  it('shows a clear page for an unknown or expired sign-in link', async () => {
    const page = await botGet(`${bot.url}/auth/start?flow=nope`);
    assert.equal(page.status, 400);
    assert.ok(page.body.includes('This sign-in link has expired'));
    assert.equal(page.headers.get('cache-control'), 'no-store');
  });
});
