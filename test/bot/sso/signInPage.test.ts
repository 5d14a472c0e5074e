/**
 * The sign-in page end to end (real server, auth on): sign-in button → /auth/start → Entra ID → /auth/callback →
 * the command runs; the page's code for Teams (`signin/verifyState`, Universal Actions retried with `state`,
 * invalidAuthCode otherwise); state bound to one use, one browser and one account; pages in the user's language.
 */
import assert from 'node:assert/strict';
import { actionInvoke } from '../../support/browse';
import { ofType } from '../../support/cards';
import type { EntraUser } from '../../support/fakeEntra';
import { cardOf, cardText } from '../../support/harness';
import { asUser, USERS, type SecureBot } from '../../support/secureHarness';
import { botGet, defenderTokens, oauthCardOf, useSecureBot, waitForOAuthCard } from '../../support/sso';
import { httpsGet } from '../../support/tls';

const REFRESH = { verb: 'refresh', data: { v: 1, kind: 'missingkbs', softwareId: 'microsoft-_-edge', page: 1 } };

/** Runs /missingkbs into "consent required" (as Megan) and gives the sign-in button's URL on the local server. */
async function runIntoConsent(bot: SecureBot): Promise<string> {
  bot.entra.requireConsent(USERS.megan.oid);
  await bot.post(bot.message('/missingkbs microsoft-_-edge'));
  const oauth = await waitForOAuthCard(bot);
  await bot.post(bot.tokenExchange(oauth.tokenExchangeResource.id, bot.entra.ssoToken(USERS.megan)));
  const [, signInCard] = await bot.connector.waitForMessages(2);
  const button = ofType(cardOf(signInCard.activity), 'Action.OpenUrl').find((a) => a.title === 'Sign in');
  assert.ok(button, 'the sign-in card has a Sign in button');
  return String(button.url).replace('https://bot.example.test', bot.url);
}

/** Follows /auth/start to Entra ID and back; gives the callback URL on the local server and the browser's cookie. */
async function signInThroughEntra(bot: SecureBot, startUrl: string): Promise<{ url: string; cookie: string }> {
  const start = await botGet(startUrl);
  assert.equal(start.status, 302);
  const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0];
  assert.match(cookie, /^__Host-missingkbs-signin=[\w-]{40,}$/);
  const location = start.location ?? '';
  assert.ok(location.startsWith(`${bot.entra.url}/`), location);
  const authorize = new URL(location);
  assert.equal(authorize.searchParams.get('redirect_uri'), 'https://bot.example.test/auth/callback');
  const entra = await httpsGet(location, bot.entra.ca);
  assert.equal(entra.status, 302);
  const back = entra.location ?? '';
  assert.ok(back.startsWith('https://bot.example.test/auth/callback?'), back);
  return { url: back.replace('https://bot.example.test', bot.url), cookie };
}

/** The code a sign-in page hands Teams (notifySuccess), read from its HTML; undefined on a failure page. */
function pageResult(html: string): string | undefined {
  return /<div id="signin-result" data-result="([^"]+)"/.exec(html)?.[1];
}

describe('sign-in page (real server, auth on)', () => {
  let bot: SecureBot;
  useSecureBot((started) => (bot = started));

  /** A `signin/verifyState` invoke from Megan with `state`, as Teams sends it after notifySuccess. */
  const verifyState = (state: string): Record<string, any> => bot.invoke('signin/verifyState', { state });

  /** Presses Refresh as `user`, with `extra` in the invoke's value; gives the HTTP status and parsed answer. */
  async function press(user: EntraUser, extra: Record<string, unknown> = {}): Promise<{ status: number; body: any }> {
    const activity = asUser(actionInvoke(bot.connector.serviceUrl, REFRESH), user);
    Object.assign(activity.value, extra);
    const { status, body } = await bot.post(activity);
    return { status, body: body ? JSON.parse(body) : {} };
  }

  /** Signs Megan in through the page from `startUrl`; gives the callback's URL, the cookie and the page's HTML. */
  async function signInOnPage(startUrl: string): Promise<{ url: string; cookie: string; body: string }> {
    bot.entra.signInAs(USERS.megan);
    const back = await signInThroughEntra(bot, startUrl);
    const callback = await botGet(back.url, back.cookie);
    assert.equal(callback.status, 200);
    return { ...back, body: callback.body };
  }

  it('signs in with the code flow and PKCE, runs the waiting command once, logs no code, state or cookie', async () => {
    const start = await runIntoConsent(bot);
    const back = await signInOnPage(start);
    assert.ok(back.body.includes('You are signed in'));
    const messages = await bot.connector.waitForMessages(3);
    assert.ok(cardText(cardOf(messages[2].activity)).includes('KB4540673'));
    assert.equal(bot.entra.verifyAccessToken(defenderTokens(bot)[0])?.oid, USERS.megan.oid);
    // The page hands Teams a code: verifyState with it (or a made-up one) does not run the command again.
    const code = pageResult(back.body);
    assert.ok(code, 'the page hands Teams a code');
    assert.equal((await bot.post(verifyState(code))).status, 200);
    assert.equal((await bot.post(verifyState('made-up'))).status, 200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(bot.connector.sent.length, 3);
    assert.equal(bot.defender.requests.length, 1);
    const query = new URL(back.url).searchParams;
    const flow = new URL(start).searchParams.get('flow') ?? '';
    const secrets = [query.get('code') ?? '', query.get('state') ?? '', back.cookie.split('=')[1], flow, code];
    const log = bot.logs.join('\n');
    for (const secret of secrets) {
      assert.ok(secret.length >= 8, 'a real value to look for');
      assert.ok(!log.includes(secret), `the log holds ${secret.slice(0, 8)}…`);
    }
  });

  it('retries a Universal Action with the page’s code, and answers 401 invalidAuthCode to any other state', async () => {
    const login = await press(USERS.megan);
    assert.equal(login.body.type, 'application/vnd.microsoft.activity.loginRequest');
    const startUrl = String(login.body.value.buttons[0].value).replace('https://bot.example.test', bot.url);
    const code = pageResult((await signInOnPage(startUrl)).body);
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
    const retried = await press(USERS.megan, { state: code });
    assert.equal(retried.status, 200);
    assert.equal(retried.body.statusCode, 200);
    assert.match(cardText(retried.body.value), /KB4540673/);
  });

  it('asks a French user in French and shows French consent pages, whatever the browser prefers', async () => {
    bot.entra.requireConsent(USERS.megan.oid);
    await bot.post({ ...bot.message('/missingkbs microsoft-_-edge'), locale: 'fr-FR' });
    const oauth = await waitForOAuthCard(bot);
    assert.equal(oauth.text, 'Connectez-vous pour que le bot puisse lire Microsoft Defender à votre place.');
    assert.equal(oauth.buttons[0].title, 'Se connecter');
    const exchange = bot.tokenExchange(oauth.tokenExchangeResource.id, bot.entra.ssoToken(USERS.megan));
    await bot.post({ ...exchange, locale: 'fr-FR' });
    const [, signIn] = await bot.connector.waitForMessages(2);
    const card = cardOf(signIn.activity);
    assert.ok(cardText(card).includes('Consentement nécessaire pour lire Defender à votre place'));
    const button = ofType(card, 'Action.OpenUrl').find((a) => a.title === 'Se connecter');
    assert.ok(button, 'the French sign-in card has a "Se connecter" button');

    // The browser prefers English; the command waiting for this sign-in was French.
    bot.entra.signInAs(USERS.megan);
    const back = await signInThroughEntra(bot, String(button.url).replace('https://bot.example.test', bot.url));
    const callback = await botGet(back.url, back.cookie, 'en-US,en;q=0.9');
    assert.equal(callback.status, 200);
    assert.match(callback.body, /<html lang="fr">/);
    assert.match(callback.body, /Connexion réussie/);
    const messages = await bot.connector.waitForMessages(3);
    const answer = cardText(cardOf(messages[2].activity));
    assert.ok(answer.includes('Mises à jour de sécurité manquantes') && answer.includes('KB4540673'), answer);
    assert.equal(oauthCardOf(messages[2].activity), undefined);
  });

  it('shows a page about an unknown link in the browser’s language (Accept-Language), English by default', async () => {
    const french = await botGet(`${bot.url}/auth/start?flow=nope`, undefined, 'fr-FR,fr;q=0.9,en;q=0.8');
    assert.equal(french.status, 400);
    assert.equal(french.headers.get('cache-control'), 'no-store');
    assert.match(french.body, /<html lang="fr">/);
    assert.match(french.body, /Ce lien de connexion a expiré/);
    // Which headers mean French: test/i18n/locale.test.ts (localeOfAcceptLanguage).
    const english = await botGet(`${bot.url}/auth/start?flow=nope`);
    assert.match(english.body, /<html lang="en">/);
    assert.match(english.body, /This sign-in link has expired/);
    const callback = await botGet(`${bot.url}/auth/callback?code=x&state=unknown`, undefined, 'fr');
    assert.match(callback.body, /Ce lien de connexion a expiré/);
  });
});
