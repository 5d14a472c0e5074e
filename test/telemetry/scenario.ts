/**
 * Run by azureMonitor.process.test.ts inside a network namespace that has only loopback (`unshare -n`):
 * fake Entra ID, Bot Connector, Defender and Azure Monitor ingestion, and the real bot process with
 * APPLICATIONINSIGHTS_CONNECTION_STRING pointing at the fake ingestion. A user signs in through the
 * consent page (/auth/start, Entra ID, /auth/callback with a code), the waiting command runs, then a
 * search with typed words. The bot stops (SIGTERM flushes telemetry); one JSON line tells what happened.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ofType } from '../support/cards';
import { spawnBot } from '../support/botProcess';
import { EDGE_KB } from '../support/defenderClient';
import { odata } from '../support/fakeDefender';
import { FakeIngestion } from '../support/fakeIngestion';
import { cardOf, teamsActivity } from '../support/harness';
import { APP_SECRET, asUser, startStandIns, USERS } from '../support/secureHarness';
import { botGet, connectorTokens, httpsGet, oauthCardOf } from '../support/sso';

/** The instrumentation key of the scenario's connection string. */
export const IKEY = '0b1c2d3e-4f50-4617-8283-94a5b6c7d8e9';

/** What the scenario prints for the test to check. */
export interface ScenarioResult {
  readonly ingestion: { envelopes: FakeIngestion['envelopes']; bodies: string[]; others: string[] };
  readonly ports: { defender: number; entra: number; connector: number; ingestion: number };
  /** Everything the bot wrote (JSON log lines). */
  readonly output: string;
  /** Every connection the bot opened (host:port). */
  readonly connections: string[];
  /** Values that must never reach telemetry: tokens, code, state, flow id, cookie, secret, typed text. */
  readonly secrets: string[];
}

async function main(): Promise<ScenarioResult> {
  const ingestion = await FakeIngestion.start();
  const stand = await startStandIns();
  stand.defender.script('microsoft-_-edge', { body: odata([EDGE_KB]) });
  stand.entra.requireConsent(USERS.megan.oid);
  const dir = mkdtempSync(path.join(tmpdir(), 'missingkbs-telemetry-'));
  writeFileSync(path.join(dir, 'ca.pem'), stand.entra.ca);
  const connectLog = path.join(dir, 'connections.log');
  writeFileSync(connectLog, '');
  const bot = await spawnBot(
    {
      ...stand.env,
      LOG_LEVEL: 'info',
      NODE_EXTRA_CA_CERTS: path.join(dir, 'ca.pem'),
      APPLICATIONINSIGHTS_CONNECTION_STRING: ingestion.connectionString(IKEY),
      NODE_OPTIONS: `--require ${path.resolve(__dirname, '../support/connectLog.js')}`,
      CONNECT_LOG: connectLog,
      // Every trace: the distro's default (5 a second, adapting over 0.1 s) drops some of a burst.
      OTEL_TRACES_SAMPLER: 'always_on',
      // Loading the Azure Monitor distro takes a second of CPU: more on a busy machine.
    },
    60_000,
  );
  const post = async (activity: Record<string, any>): Promise<void> => {
    const res = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: stand.connector.authorizationFor(activity) },
      body: JSON.stringify(activity),
    });
    await res.arrayBuffer();
  };
  const message = (text: string): Record<string, any> =>
    asUser(teamsActivity('personal-message', stand.connector.serviceUrl, text), USERS.megan);
  const secrets = [APP_SECRET];
  try {
    await post(message('/missingkbs microsoft-_-edge'));
    const oauth = oauthCardOf((await stand.connector.waitForMessages(1, 10_000))[0].activity);
    const ssoToken = stand.entra.ssoToken(USERS.megan);
    const invoke = message('');
    Object.assign(invoke, { type: 'invoke', name: 'signin/tokenExchange', text: undefined });
    invoke.value = { id: oauth?.tokenExchangeResource.id, connectionName: 'sso', token: ssoToken };
    await post(invoke);
    // Consent is required: the sign-in card's button opens /auth/start, which goes to Entra ID and back.
    const signInCard = cardOf((await stand.connector.waitForMessages(2, 10_000))[1].activity);
    const button = ofType(signInCard, 'Action.OpenUrl').find((a) => a.title === 'Sign in');
    if (!button) throw new Error(`no sign-in button:\n${JSON.stringify(signInCard)}\n${bot.output()}`);
    stand.entra.signInAs(USERS.megan);
    const start = await botGet(String(button?.url).replace('https://bot.example.test', bot.url));
    const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0];
    const back = new URL((await httpsGet(start.location ?? '', stand.entra.ca)).location ?? '');
    await botGet(`${bot.url}/auth/callback${back.search}`, cookie);
    await stand.connector.waitForMessages(3, 10_000);
    const typed = `zqtyped${Date.now().toString(36)}`;
    await post(message(`/missingkbs find ${typed}`));
    await stand.connector.waitForMessages(4, 10_000);
    const flow = new URL(String(button?.url)).searchParams.get('flow') ?? '';
    secrets.push(ssoToken, back.searchParams.get('code') ?? '', back.searchParams.get('state') ?? '', flow);
    secrets.push(cookie.split('=')[1] ?? '', typed, '/missingkbs microsoft-_-edge');
    secrets.push(...stand.defender.requests.map((r) => (r.authorization ?? '').replace(/^Bearer /, '')));
    secrets.push(...connectorTokens(stand.connector.sent));
  } finally {
    bot.child.kill('SIGTERM');
    await bot.exited;
    await Promise.all([stand.close(), ingestion.close()]);
  }
  const port = (url: string): number => Number(new URL(url).port);
  return {
    ingestion: { envelopes: ingestion.envelopes, bodies: ingestion.bodies, others: ingestion.others },
    ports: {
      defender: port(stand.defender.url),
      entra: port(stand.entra.url),
      connector: port(stand.connector.serviceUrl),
      ingestion: port(ingestion.url),
    },
    output: bot.output(),
    connections: readFileSync(connectLog, 'utf8').split('\n').filter(Boolean),
    secrets,
  };
}

main().then(
  (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
  (err: unknown) => {
    process.stderr.write(`scenario failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
