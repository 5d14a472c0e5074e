/** Helpers for the sign-in end-to-end tests: reading OAuthCards and the stand-ins' records. */
import { cardOf } from './harness';
import type { SentActivity } from './fakeConnector';
import { EDGE_KB } from './defenderClient';
import { odata } from './fakeDefender';
import { startSecureBot, USERS, type SecureBot } from './secureHarness';

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

export { httpsGet } from './tls';

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
