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
import { botGet, defenderTokens, httpsGet, oauthCardOf, pageResult, runIntoConsent } from '../../support/sso';
import { signInThroughEntra, useSecureBot, waitForOAuthCard } from '../../support/sso';

const REFRESH = { verb: 'refresh', data: { v: 1, kind: 'missingkbs', softwareId: 'microsoft-_-edge', page: 1 } };

/** GETs a page of the bot as a browser preferring `acceptLanguage`, without following redirects. */
async function pageIn(
  url: string,
  acceptLanguage: string,
  cookie?: string,
): Promise<{ status: number; body: string; cache: string | null }> {
  const res = await fetch(url, {
    redirect: 'manual',
    headers: { 'accept-language': acceptLanguage, ...(cookie ? { cookie } : {}) },
  });
  return { status: res.status, body: await res.text(), cache: res.headers.get('cache-control') };
}

function inFrench(activity: Record<string, any>): Record<string, any> {
  activity.locale = 'fr-FR';
  return activity;
}

describe('sign-in page (real server, auth on)', () => {
  let bot: SecureBot;
  useSecureBot((started) => (bot = started));

  const consentNeeded = (): Promise<string> => runIntoConsent(bot);
  const throughEntra = (startUrl: string): Promise<{ url: string; cookie: string }> =>
    signInThroughEntra(bot, startUrl);

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

  it('signs in with the code flow and PKCE, runs the waiting command once, logs no code, state or cookie', async () => {
    const start = await consentNeeded();
    bot.entra.signInAs(USERS.megan);
    const back = await throughEntra(start);
    const callback = await botGet(back.url, back.cookie);
    assert.equal(callback.status, 200);
    assert.ok(callback.body.includes('You are signed in'));
    const messages = await bot.connector.waitForMessages(3);
    assert.ok(cardText(cardOf(messages[2].activity)).includes('KB4540673'));
    assert.equal(bot.entra.verifyAccessToken(defenderTokens(bot)[0])?.oid, USERS.megan.oid);
    // The page hands Teams a code: verifyState with it (or a made-up one) does not run the command again.
    const code = pageResult(callback.body);
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
  it('asks a French user in French and shows French consent pages, whatever the browser prefers', async () => {
    bot.entra.requireConsent(USERS.megan.oid);
    await bot.post(inFrench(bot.message('/missingkbs microsoft-_-edge')));
    const oauth = await waitForOAuthCard(bot);
    assert.equal(oauth.text, 'Connectez-vous pour que le bot puisse lire Microsoft Defender à votre place.');
    assert.equal(oauth.buttons[0].title, 'Se connecter');
    await bot.post(inFrench(bot.tokenExchange(oauth.tokenExchangeResource.id, bot.entra.ssoToken(USERS.megan))));
    const [, signIn] = await bot.connector.waitForMessages(2);
    const card = cardOf(signIn.activity);
    assert.ok(cardText(card).includes('Consentement nécessaire pour lire Defender à votre place'));
    const button = ofType(card, 'Action.OpenUrl').find((a) => a.title === 'Se connecter');
    assert.ok(button, 'the French sign-in card has a "Se connecter" button');

    // The browser prefers English; the command waiting for this sign-in was French.
    bot.entra.signInAs(USERS.megan);
    const start = await botGet(String(button.url).replace('https://bot.example.test', bot.url));
    assert.equal(start.status, 302);
    const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0];
    const back = (await httpsGet(start.location ?? '', bot.entra.ca)).location ?? '';
    const callback = await pageIn(back.replace('https://bot.example.test', bot.url), 'en-US,en;q=0.9', cookie);
    assert.equal(callback.status, 200);
    assert.match(callback.body, /<html lang="fr">/);
    assert.match(callback.body, /Connexion réussie/);
    const messages = await bot.connector.waitForMessages(3);
    const answer = cardText(cardOf(messages[2].activity));
    assert.ok(answer.includes('Mises à jour de sécurité manquantes') && answer.includes('KB4540673'), answer);
    assert.equal(oauthCardOf(messages[2].activity), undefined);
  });

  it('shows a page about an unknown link in the browser’s language (Accept-Language), English by default', async () => {
    const french = await pageIn(`${bot.url}/auth/start?flow=nope`, 'fr-FR,fr;q=0.9,en;q=0.8');
    assert.equal(french.status, 400);
    assert.equal(french.cache, 'no-store');
    assert.match(french.body, /<html lang="fr">/);
    assert.match(french.body, /Ce lien de connexion a expiré/);
    for (const header of ['de-DE,de;q=0.9', '']) {
      const english = await pageIn(`${bot.url}/auth/start?flow=nope`, header);
      assert.match(english.body, /<html lang="en">/);
      assert.match(english.body, /This sign-in link has expired/);
    }
    const callback = await pageIn(`${bot.url}/auth/callback?code=x&state=unknown`, 'fr');
    assert.match(callback.body, /Ce lien de connexion a expiré/);
  });
});
