/** The consent page end to end: sign-in button → /auth/start → Entra ID → /auth/callback → the command runs. */
import assert from 'node:assert/strict';
import { ofType } from '../../support/cards';
import { cardOf, cardText } from '../../support/harness';
import { APP_SECRET, USERS, type SecureBot } from '../../support/secureHarness';
import { botGet, defenderTokens, httpsGet, useSecureBot, waitForOAuthCard } from '../../support/sso';

describe('sign-in: consent page (real server, auth on)', () => {
  let bot: SecureBot;
  useSecureBot((started) => (bot = started));

  /** Runs the command into "consent required" and returns the sign-in button's URL on the local server. */
  async function consentNeeded(): Promise<string> {
    bot.entra.requireConsent(USERS.megan.oid);
    await bot.post(bot.message('/missingkbs microsoft-_-edge'));
    const oauth = await waitForOAuthCard(bot);
    await bot.post(bot.tokenExchange(oauth.tokenExchangeResource.id, bot.entra.ssoToken(USERS.megan)));
    const [, signInCard] = await bot.connector.waitForMessages(2);
    const button = ofType(cardOf(signInCard.activity), 'Action.OpenUrl').find((a) => a.title === 'Sign in');
    assert.ok(button, 'the sign-in card has a Sign in button');
    return String(button.url).replace('https://bot.example.test', bot.url);
  }

  /** Follows /auth/start to Entra ID and back; returns the callback URL on the local server and the browser's cookie. */
  async function throughEntra(startUrl: string): Promise<{ url: string; cookie: string }> {
    const start = await botGet(startUrl);
    assert.equal(start.status, 302);
    const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0];
    assert.match(cookie, /^__Host-missingkbs-signin=[\w-]{40,}$/);
    const location = start.location ?? '';
    assert.ok(location.startsWith(`${bot.entra.url}/`), location);
    const authorize = new URL(location);
    assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
    assert.equal(authorize.searchParams.get('redirect_uri'), 'https://bot.example.test/auth/callback');
    const entra = await httpsGet(location, bot.entra.ca);
    assert.equal(entra.status, 302);
    const back = entra.location ?? '';
    assert.ok(back.startsWith('https://bot.example.test/auth/callback?'), back);
    return { url: back.replace('https://bot.example.test', bot.url), cookie };
  }

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
