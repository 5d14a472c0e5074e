/** Sign-in failures end to end: consent, stale or forged SSO tokens, and Teams' signin/failure. */
import assert from 'node:assert/strict';
import { cardOf, cardText } from '../../support/harness';
import { ofType } from '../../support/cards';
import { APP_ID, OTHER_TENANT_ID, TENANT_ID, USERS, type SecureBot } from '../../support/secureHarness';
import { askAndExchange, oauthCardOf, oboRequests, useSecureBot } from '../../support/sso';

describe('sign-in failures (real server, auth on)', () => {
  let bot: SecureBot;
  useSecureBot((started) => (bot = started));

  const exchange = (token: string): Promise<number> => askAndExchange(bot, token);

  it('answers 412 and sends a sign-in card with the consent links when consent is missing', async () => {
    bot.entra.requireConsent(USERS.megan.oid);
    assert.equal(await exchange(bot.entra.ssoToken(USERS.megan)), 412);
    const [, reply] = await bot.connector.waitForMessages(2);
    const card = cardOf(reply.activity);
    assert.ok(cardText(card).includes('Consent needed'), cardText(card));
    const urls = ofType(card, 'Action.OpenUrl').map((a) => String(a.url));
    assert.ok(
      urls.some((u) => u.startsWith('https://bot.example.test/auth/start?flow=')),
      urls.join(),
    );
    assert.ok(
      urls.some((u) => u === `${bot.entra.url}/${TENANT_ID}/adminconsent?client_id=${APP_ID}`),
      urls.join(),
    );
    assert.ok(cardText(card).includes('AADSTS65001'));
    assert.equal(bot.defender.requests.length, 0);
  });

  it('asks Teams for a fresh token, without an error card, when Entra ID says the assertion expired', async () => {
    const sso = bot.entra.ssoToken(USERS.megan);
    bot.entra.revoke(USERS.megan.oid);
    assert.equal(await exchange(sso), 412);
    const messages = await bot.connector.waitForMessages(2);
    assert.ok(oauthCardOf(messages[1].activity), 'a second OAuthCard asks for a fresh token');
    assert.equal(messages.filter((m) => cardOf(m.activity)).length, 0, 'no error card');
    assert.equal(bot.defender.requests.length, 0);
  });

  it('asks for a fresh token, with no OBO call, when the SSO token has expired', async () => {
    const past = Math.floor(Date.now() / 1000) - 3600;
    assert.equal(await exchange(bot.entra.ssoToken(USERS.megan, { exp: past, nbf: past - 3600 })), 412);
    const messages = await bot.connector.waitForMessages(2);
    assert.ok(oauthCardOf(messages[1].activity));
    assert.equal(oboRequests(bot).length, 0);
  });

  const forged: [string, (b: SecureBot) => string][] = [
    ['the wrong audience', (b) => b.entra.ssoToken(USERS.megan, { aud: 'api://botid-someone-else' })],
    ['another tenant', (b) => b.entra.ssoToken(USERS.megan, { tid: OTHER_TENANT_ID })],
    ['a bad signature', (b) => b.entra.ssoToken(USERS.megan, { foreignKey: true })],
    ['another user', (b) => b.entra.ssoToken(USERS.adele)],
    ['no token at all', () => 'not-a-jwt'],
  ];
  for (const [what, token] of forged) {
    it(`refuses an SSO token with ${what}: 412, a sign-in card, and no OBO call`, async () => {
      assert.equal(await exchange(token(bot)), 412);
      const [, reply] = await bot.connector.waitForMessages(2);
      assert.ok(cardText(cardOf(reply.activity)).includes('Teams could not sign you in'));
      assert.equal(oboRequests(bot).length, 0);
      assert.equal(bot.defender.requests.length, 0);
    });
  }

  it('writes no token or secret to the log on the failure paths either (debug level)', async () => {
    const tokens = [
      bot.entra.ssoToken(USERS.megan, { aud: 'api://botid-someone-else' }),
      bot.entra.ssoToken(USERS.megan, { foreignKey: true }),
    ];
    for (const token of tokens) await exchange(token);
    bot.entra.requireConsent(USERS.megan.oid);
    const consent = bot.entra.ssoToken(USERS.megan);
    await exchange(consent);
    const log = bot.logs.join('\n');
    for (const token of [...tokens, consent]) {
      assert.ok(!log.includes(token.split('.')[1]), 'a token payload is in the log');
      assert.ok(!log.includes(token.split('.')[2]), 'a token signature is in the log');
    }
    assert.ok(!log.includes('fake-secret-value'));
  });

  it('explains signin/failure (resourcematchfailed) to the user and the admin', async () => {
    const invoke = bot.tokenExchange('x', 'y');
    invoke.name = 'signin/failure';
    invoke.value = { code: 'resourcematchfailed', message: 'Resource match failed' };
    assert.equal((await bot.post(invoke)).status, 200);
    const [reply] = await bot.connector.waitForMessages(1);
    const text = cardText(cardOf(reply.activity));
    assert.ok(text.includes('resourcematchfailed'));
    assert.ok(text.includes('webApplicationInfo.resource'));
  });

  it('says so when signin/verifyState arrives but the sign-in did not finish', async () => {
    const invoke = bot.tokenExchange('x', 'y');
    invoke.name = 'signin/verifyState';
    invoke.value = { state: '123456' };
    assert.equal((await bot.post(invoke)).status, 200);
    const [reply] = await bot.connector.waitForMessages(1);
    assert.ok(cardText(cardOf(reply.activity)).includes('Sign-in did not finish'));
  });
});
