/**
 * Entra ID calls for commands from many users within the token lifetime, in production mode with
 * the HTTPS fake Entra ID (test/support/secureHarness). Each user's first command signs them in
 * (OAuthCard, Teams token exchange, On-Behalf-Of); the rest use the cached token. Counted from the
 * bot's start (after its metadata preload and its own Bot Connector token, warmed by one /help).
 */
import { randomUUID } from 'node:crypto';
import { cardOf, cardText } from '../../test/support/harness';
import { TENANT_ID, startSecureBot, type SecureBot } from '../../test/support/secureHarness';
import { odata } from '../../test/support/fakeDefender';
import { EDGE_KB } from '../../test/support/defenderClient';
import { oauthCardOf } from '../../test/support/sso';
import type { EntraUser } from '../../test/support/fakeEntra';
import { load } from './load';
import { UNLIMITED } from './overhead';
import type { Report } from './report';
import type { BenchSize } from './size';

export async function entra(report: Report, size: BenchSize): Promise<void> {
  // One tenant: the limiter's budget is raised, as this counts Entra ID calls, not Defender's.
  const bot = await startSecureBot({ LOG_LEVEL: 'warn', ...UNLIMITED });
  bot.defender.script('microsoft-_-edge', { body: odata([EDGE_KB]) });
  const users: EntraUser[] = Array.from({ length: size.entraUsers }, (_, i) => ({
    oid: randomUUID(),
    tid: TENANT_ID,
    name: `Bench User ${i}`,
  }));
  try {
    await bot.post(bot.message('/help', users[0]));
    await bot.connector.waitForMessages(1, 15000);
    const tokenCalls = bot.entra.tokenRequests.length;
    const allCalls = bot.entra.requests.length;
    for (const user of users) await signIn(bot, user);
    const rest = size.entraCommands - users.length;
    let n = 0;
    await load({
      url: `${bot.url}/api/messages`,
      connections: 10,
      amount: rest,
      setupRequest: (request) => {
        const activity = bot.message('/missingkbs microsoft-_-edge', users[n++ % users.length]);
        const headers = { 'content-type': 'application/json', authorization: bot.connector.authorizationFor(activity) };
        return { ...request, headers, body: JSON.stringify(activity) };
      },
    });
    const expected = 1 + 2 * users.length + rest;
    const messages = await bot.connector.waitForMessages(expected, 60000);
    const answered = messages.filter((m) => cardText(cardOf(m.activity) ?? {}).includes('KB4540673')).length;
    const scenario = `Entra ID: ${size.entraCommands} commands, ${size.entraUsers} users`;
    const oboCalls = bot.entra.tokenRequests.length - tokenCalls;
    report.add(scenario, 'commands answered with data', answered);
    report.add(scenario, 'all requests to Entra ID', bot.entra.requests.length - allCalls, undefined, 'incl. metadata');
    report.judge(scenario, 'token requests', oboCalls, 'calls', `<= ${size.entraUsers}`, oboCalls <= size.entraUsers);
  } finally {
    await bot.stop();
  }
}

/** The user's first command: OAuthCard, token exchange with an SSO token, then the answer. */
async function signIn(bot: SecureBot, user: EntraUser): Promise<void> {
  const before = bot.connector.messages().length;
  await bot.post(bot.message('/missingkbs microsoft-_-edge', user));
  const oauth = oauthCardOf((await bot.connector.waitForMessages(before + 1, 15000))[before].activity) as
    { tokenExchangeResource: { id: string } } | undefined;
  if (!oauth) throw new Error('the first command did not get an OAuthCard');
  await bot.post(bot.tokenExchange(oauth.tokenExchangeResource.id, bot.entra.ssoToken(user), user));
  await bot.connector.waitForMessages(before + 2, 15000);
}
