/** Sign-in in the user's language, end to end: OAuthCard, sign-in card and consent pages in French for fr-FR. */
import assert from 'node:assert/strict';
import { ofType } from '../../support/cards';
import { cardOf, cardText } from '../../support/harness';
import { USERS, type SecureBot } from '../../support/secureHarness';
import { botGet, httpsGet, oauthCardOf, useSecureBot, waitForOAuthCard } from '../../support/sso';

/** GETs a page of the bot as a browser preferring `acceptLanguage`, without following redirects. */
async function pageIn(url: string, acceptLanguage: string, cookie?: string): Promise<{ status: number; body: string }> {
  const res = await fetch(url, {
    redirect: 'manual',
    headers: { 'accept-language': acceptLanguage, ...(cookie ? { cookie } : {}) },
  });
  return { status: res.status, body: await res.text() };
}

function inFrench(activity: Record<string, any>): Record<string, any> {
  activity.locale = 'fr-FR';
  return activity;
}

describe('sign-in in the user’s language (real server, auth on)', () => {
  let bot: SecureBot;
  useSecureBot((started) => (bot = started));

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

  it('in a French channel, points to a 1:1 chat in French, then says whose access answered in French', async () => {
    await bot.post(inFrench(bot.message('/missingkbs microsoft-_-edge', USERS.megan, 'channel-message-mention')));
    const [first] = await bot.connector.waitForMessages(1);
    assert.ok(cardText(cardOf(first.activity)).includes('Connectez-vous une fois dans une conversation avec moi'));
    bot.connector.sent.splice(0);
    await bot.post(inFrench(bot.message('/missingkbs microsoft-_-edge')));
    const oauth = await waitForOAuthCard(bot);
    await bot.post(inFrench(bot.tokenExchange(oauth.tokenExchangeResource.id, bot.entra.ssoToken(USERS.megan))));
    await bot.connector.waitForMessages(2);
    bot.connector.sent.splice(0);
    await bot.post(inFrench(bot.message('/missingkbs microsoft-_-edge', USERS.megan, 'channel-message-mention')));
    const [reply] = await bot.connector.waitForMessages(1);
    assert.ok(cardText(cardOf(reply.activity)).includes('240 appareils'));
    assert.equal(reply.activity.text, 'Recherche effectuée avec l’accès Defender de Megan Bowen.');
  });

  it('shows a page about an unknown link in the browser’s language (Accept-Language), English by default', async () => {
    const french = await pageIn(`${bot.url}/auth/start?flow=nope`, 'fr-FR,fr;q=0.9,en;q=0.8');
    assert.equal(french.status, 400);
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
