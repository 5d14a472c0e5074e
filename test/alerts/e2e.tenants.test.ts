/**
 * Alerts never cross an organisation (real server, production mode). Three tenants of the fake Entra
 * ID: A (the bot's own), B (allowed, admin consent given) and C (allowed, no admin consent); each
 * issues app-only tokens with its own `tid`, and the fake Defender gives each tenant's token that
 * tenant's data only. Users sign in in a 1:1 chat, then watch Edge in a channel of their own team (with their
 * own delegated read of the id); users of other organisations are refused and recorded nowhere.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { ConversationStore } from '../../src/conversations/store';
import { silentLogger } from '../../src/log';
import { MemoryStore } from '../../src/storage/memory';
import { WatchStore } from '../../src/watches/store';
import { postNotify } from '../support/alertFakes';
import { odata } from '../support/fakeDefender';
import type { EntraUser } from '../support/fakeEntra';
import { cardOf, cardText } from '../support/harness';
import { waitFor } from '../support/http';
import {
  APP_ID,
  asUser,
  OTHER_TENANT_ID,
  startSecureBot,
  TENANT_ID,
  USERS,
  type SecureBot,
} from '../support/secureHarness';
import { oauthCardOf } from '../support/sso';
import { channelMessage, newTeam, teamEvent, type TestTeam } from '../support/teamsEvents';

const EDGE = 'microsoft-_-edge';
const SECRET = 'tenant-notify-secret-0123456789abcdef';
const TENANT_B = OTHER_TENANT_ID;
const TENANT_C = '22222222-3333-4444-8555-666666666666';
/** What each organisation's Defender says about Edge: different KBs and device counts. */
const KB_A = { id: '5011111', name: 'Update for A', productsNames: ['edge'], machineMissedOn: 111, cveAddressed: 1 };
const KB_B = { id: '5022222', name: 'Update for B', productsNames: ['edge'], machineMissedOn: 222, cveAddressed: 2 };
const BRIAN: EntraUser = { oid: '5b5b5b5b-6c6c-4d7d-8e8e-9f9f9f9f9f9f', tid: TENANT_B, name: 'Brian B' };
const CARLA: EntraUser = { oid: '6c6c6c6c-7d7d-4e8e-8f9f-0a0a0a0a0a0a', tid: TENANT_C, name: 'Carla C' };
/** A user of an organisation the bot does not serve. */
const EVE: EntraUser = {
  oid: '3c3c3c3c-4d4d-4e4e-8f8f-5a5a5a5a5a5a',
  tid: '99999999-8888-4777-8666-555555555555',
  name: 'Eve',
};

describe('alerts across tenants (real server, three organisations)', () => {
  let bot: SecureBot;
  const storage = new MemoryStore();
  const conversations = new ConversationStore(storage);
  const watches = new WatchStore(storage, conversations, silentLogger, { maxPerConversation: 50 });
  const teams = { a: newTeam(), b: newTeam(), c: newTeam() };
  /** Tenants the poller and the webhook asked the rate limiter's hook about. */
  const limited: string[] = [];

  before(async () => {
    bot = await startSecureBot(
      { ALLOWED_TENANTS: `${TENANT_B},${TENANT_C}`, NOTIFY_SECRET: SECRET, SOC_CONVERSATION_ID: teams.a.channelId },
      {
        storage,
        alerts: {
          pollIntervalMs: 300,
          timing: { firstDelayMs: 0, paceMs: 0 },
          beforeDefenderCall: (tenantId) => Promise.resolve(void limited.push(tenantId)),
        },
      },
      [{ tenantId: TENANT_B }, { tenantId: TENANT_C, adminConsent: false }],
    );
    bot.defender.scriptIn(TENANT_ID, EDGE, { body: odata([KB_A]) });
    bot.defender.scriptIn(TENANT_B, EDGE, { body: odata([KB_B]) });
    bot.defender.scriptIn(TENANT_C, EDGE, { body: odata([]) });
  });
  after(() => bot.stop());

  /** Texts of the cards posted in a team's channel (replies included). */
  const channelCards = (team: TestTeam): string[] =>
    bot.connector
      .messages()
      .filter((m) => m.conversationId.split(';')[0] === team.channelId)
      .map((m) => cardText(cardOf(m.activity)));

  /** Signs `user` in through a 1:1 chat (the OAuthCard answered with an SSO token of their tenant). */
  async function signIn(user: EntraUser): Promise<void> {
    const before = bot.connector.messages().length;
    await bot.post(bot.message(`/missingkbs ${EDGE}`, user));
    const oauth = await waitFor(() =>
      bot.connector
        .messages()
        .slice(before)
        .map((m) => oauthCardOf(m.activity))
        .find(Boolean),
    );
    await bot.post(bot.tokenExchange(oauth.tokenExchangeResource.id, bot.entra.ssoToken(user), user));
    await bot.connector.waitForMessages(before + 2);
  }

  /** `user` sends `text` (by default `watch Edge`) in their team's channel; resolves with the reply's text. */
  async function sayIn(team: TestTeam, user: EntraUser, text = `watch ${EDGE}`): Promise<string> {
    const count = channelCards(team).length;
    await bot.post(asUser(channelMessage(team, bot.connector.serviceUrl, text), user));
    return waitFor(() => channelCards(team)[count]);
  }

  it('reads each tenant with its own app-only token and posts its own KBs only to its own channel (poller)', async () => {
    await signIn(USERS.megan);
    await signIn(BRIAN);
    const userReads = () => bot.defender.requests.filter((r) => r.idtyp === 'user' && r.path.includes(EDGE));
    const readsBefore = userReads().length;
    assert.match(await sayIn(teams.a, USERS.megan), /Now watching microsoft-_-edge/);
    assert.deepEqual(
      userReads()
        .slice(readsBefore)
        .map((r) => r.oid),
      [USERS.megan.oid],
      'a watch needs one read of the id with the asker’s own delegated token',
    );
    const [watch] = await watches.list(teams.a.channelId, TENANT_ID);
    assert.deepEqual(
      [watch.addedBy, watch.tenantId],
      [{ aadObjectId: USERS.megan.oid, name: USERS.megan.name }, TENANT_ID],
    );
    assert.match(await sayIn(teams.b, BRIAN), /Now watching microsoft-_-edge/);
    const firstWith = (team: TestTeam, kb: string) => waitFor(() => channelCards(team).find((t) => t.includes(kb)));
    const [summaryB, summaryA] = [await firstWith(teams.b, 'KB5022222'), await firstWith(teams.a, 'KB5011111')];
    assert.match(summaryB, /222 devices/);
    assert.match(summaryA, /111 devices/);
    assert.match(summaryB, /organisation-wide \(app-only\)/);
    const everythingInB = channelCards(teams.b).join('\n');
    assert.doesNotMatch(everythingInB, /5011111|111 devices|Update for A/, 'nothing of tenant A reached B');
    assert.doesNotMatch(channelCards(teams.a).join('\n'), /5022222|222 devices|Update for B/);
    const appReads = bot.defender.requests.filter((r) => r.idtyp === 'app' && r.path.includes(EDGE));
    assert.deepEqual([...new Set(appReads.map((r) => r.tenantId))].sort(), [TENANT_B, TENANT_ID].sort());
    // App-only tokens (idtyp app, as the fake Defender read them; their roles: auth/stack.test.ts), through
    // the rate limiter's hook; posts with a verified bot token.
    assert.deepEqual([...new Set(limited)].sort(), [TENANT_B, TENANT_ID].sort());
    assert.deepEqual(bot.connector.rejected, []);
    const watching = await sayIn(teams.b, BRIAN, 'watching');
    assert.match(watching, /Last check[^\n]*: 1 missing KB/);
    assert.match(watching, /organisation-wide \(app-only\)/);
  });

  it('sends each watching tenant its own data through the webhook, and the home tenant’s count only to the caller', async () => {
    const before = { a: channelCards(teams.a).length, b: channelCards(teams.b).length };
    const res = await postNotify(bot.url, SECRET, JSON.stringify({ softwareId: EDGE, message: 'playbook' }));
    assert.equal(res.status, 202);
    assert.equal(res.json.kbs, 1);
    assert.equal(res.json.delivered, 2);
    const webhookIn = (team: TestTeam, from: number): string | undefined =>
      channelCards(team)
        .slice(from)
        .find((t) => t.includes('playbook'));
    const inB = await waitFor(() => webhookIn(teams.b, before.b));
    const inA = await waitFor(() => webhookIn(teams.a, before.a));
    assert.match(inB, /KB5022222[\s\S]*222 devices/);
    assert.doesNotMatch(inB, /5011111|111 devices/);
    assert.match(inA, /KB5011111/);
    assert.doesNotMatch(inA, /5022222|222 devices/);
    assert.ok(!bot.logs.some((l) => l.includes(SECRET)), 'the secret is never logged');
  });

  it('refuses a watch in a tenant without admin consent, with the admin-consent URL, and watches nothing', async () => {
    await signIn(CARLA);
    const reply = await sayIn(teams.c, CARLA);
    assert.match(reply, /Admin consent needed before alerts/);
    const card = cardOf(bot.connector.messages().find((m) => m.conversationId.startsWith(teams.c.channelId))!.activity);
    const urls = ((card?.actions ?? []) as { url?: string }[]).map((a) => a.url).filter(Boolean);
    assert.deepEqual(urls, [`${bot.entra.url}/${TENANT_C}/adminconsent?client_id=${APP_ID}`]);
    const appTokens = bot.entra.tokenRequests.filter(
      (r) => r.tenantId === TENANT_C && r.grantType === 'client_credentials',
    );
    assert.ok(appTokens.length > 0 && appTokens.every((r) => r.error === 'invalid_client'));
    assert.match(await sayIn(teams.c, CARLA, 'watching'), /Nothing is watched/);
    assert.ok(!bot.defender.requests.some((r) => r.tenantId === TENANT_C && r.idtyp === 'app'));
  });

  it('refuses a watch of an id Defender forbids the asker (403), and watches nothing', async () => {
    bot.defender.withoutRole(USERS.adele.oid);
    await signIn(USERS.adele);
    const team = newTeam();
    assert.match(await sayIn(team, USERS.adele), /Not allowed/);
    assert.deepEqual(await watches.list(team.channelId, TENANT_ID), []);
  });

  it('refuses a user of an organisation not allowed: no answer but the refusal, no record, no install', async () => {
    const message = bot.message(`watch ${EDGE}`, EVE);
    message.conversation.id = `a:${randomUUID()}`;
    const before = bot.connector.messages().length;
    assert.equal((await bot.post(message)).status, 200);
    const [reply] = (await bot.connector.waitForMessages(before + 1)).slice(before);
    assert.match(cardText(cardOf(reply.activity)), /Not available in your organisation/);
    assert.equal(await conversations.get(message.conversation.id), undefined);
    const [ours, theirs] = [newTeam(), newTeam()];
    const install = (team: TestTeam, user: EntraUser) =>
      asUser(teamEvent('installation-update-add', team, bot.connector.serviceUrl), user);
    assert.equal((await bot.post(install(ours, USERS.adele))).status, 200);
    assert.equal((await bot.post(install(theirs, EVE))).status, 200);
    assert.equal((await conversations.get(ours.channelId))?.active, true);
    assert.equal(await conversations.get(theirs.channelId), undefined);
  });
});
