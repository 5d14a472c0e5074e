/** Helpers for the sign-in end-to-end tests: reading OAuthCards and the stand-ins' records. */
import assert from 'node:assert/strict';
import { ofType } from './cards';
import { cardOf } from './harness';
import type { SentActivity } from './fakeConnector';
import { EDGE_KB } from './defenderClient';
import { odata } from './fakeDefender';
import { startSecureBot, USERS, type SecureBot } from './secureHarness';
import { httpsGet } from './tls';

/** The OAuthCard content of a sent activity, or undefined. */
export const oauthCardOf = (activity: Record<string, any>) => cardOf(activity, 'application/vnd.microsoft.card.oauth');

/** Waits for the bot's first message, which must be an OAuthCard, and returns the card. */
export async function waitForOAuthCard(bot: SecureBot): Promise<Record<string, any>> {
  const [first] = await bot.connector.waitForMessages(1);
  const card = oauthCardOf(first.activity);
  if (!card) throw new Error('expected an OAuthCard');
  return card;
}

/** Token requests to the fake Entra ID for the On-Behalf-Of grant. */
export function oboRequests(bot: SecureBot): unknown[] {
  return bot.entra.tokenRequests.filter((r) => r.requestedTokenUse === 'on_behalf_of');
}

/** The bearer tokens the fake Defender received. */
export function defenderTokens(bot: SecureBot): string[] {
  return bot.defender.requests.map((r) => (r.authorization ?? '').replace(/^Bearer /, ''));
}

/** Bearer tokens on the bot's calls to the Bot Connector. */
export function connectorTokens(sent: SentActivity[]): string[] {
  return sent.map((s) => (s.authorization ?? '').replace(/^Bearer /, '')).filter((t) => t !== '');
}

export { httpsGet };

/** GETs a URL of the bot itself (http), without following redirects, sending `cookie` and `acceptLanguage` if given. */
export async function botGet(
  url: string,
  cookie?: string,
  acceptLanguage?: string,
): Promise<{ status: number; location?: string; body: string; headers: Headers }> {
  const headers = {
    ...(cookie ? { cookie } : {}),
    ...(acceptLanguage === undefined ? {} : { 'accept-language': acceptLanguage }),
  };
  const res = await fetch(url, { redirect: 'manual', headers });
  return {
    status: res.status,
    location: res.headers.get('location') ?? undefined,
    body: await res.text(),
    headers: res.headers,
  };
}

/** Starts a bot with authentication on before each test (the Edge example scripted), stops it after; hands it to `use`. */
export function useSecureBot(use: (bot: SecureBot) => void): void {
  let bot: SecureBot | undefined;
  beforeEach(async () => {
    bot = await startSecureBot();
    bot.defender.script('microsoft-_-edge', { body: odata([EDGE_KB]) });
    use(bot);
  });
  afterEach(() => bot?.stop());
}

/** Sends /missingkbs as `user`, then answers its OAuthCard with `token` from `clients` Teams clients at once; gives the statuses. */
export async function askAndExchangeFromClients(
  bot: SecureBot,
  token: string,
  clients = 3,
  user = USERS.megan,
): Promise<number[]> {
  await bot.post(bot.message('/missingkbs microsoft-_-edge', user));
  const oauth = await waitForOAuthCard(bot);
  const invoke = bot.tokenExchange(oauth.tokenExchangeResource.id, token, user);
  const answers = await Promise.all(Array.from({ length: clients }, () => bot.post(invoke)));
  return answers.map((a) => a.status);
}

/** Runs /missingkbs into "consent required" (as Megan) and gives the sign-in button's URL on the local server. */
export async function runIntoConsent(bot: SecureBot): Promise<string> {
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
export async function signInThroughEntra(bot: SecureBot, startUrl: string): Promise<{ url: string; cookie: string }> {
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
export function pageResult(html: string): string | undefined {
  return /<div id="signin-result" data-result="([^"]+)"/.exec(html)?.[1];
}
