/** Which SSO tokens the running bot takes in signin/tokenExchange: the claims Teams' tokens have, and no others. */
import assert from 'node:assert/strict';
import type { SsoTokenOptions } from '../../support/fakeEntra';
import { cardOf, cardText } from '../../support/harness';
import { decodeJwt, nowSeconds } from '../../support/jwt';
import { APP_ID, USERS, type SecureBot } from '../../support/secureHarness';
import { askAndExchange, oboRequests, useSecureBot } from '../../support/sso';

const TEAMS_WEB = '5e3ce6c0-2b1f-4285-8d4b-75ee78787346';

describe('sign-in: which SSO tokens the bot accepts (real server, auth on)', () => {
  let bot: SecureBot;
  useSecureBot((started) => (bot = started));

  const exchange = (token: string): Promise<number> => askAndExchange(bot, token);

  const accepted: [string, SsoTokenOptions][] = [
    ['a v2.0 token (aud = app id, azp = Teams desktop)', { ver: '2.0' }],
    ['a v1.0 token from Teams on the web', { appid: TEAMS_WEB }],
  ];
  for (const [what, options] of accepted) {
    it(`takes ${what}: On-Behalf-Of, then the card`, async () => {
      assert.equal(await exchange(bot.entra.ssoToken(USERS.megan, options)), 200);
      const [, reply] = await bot.connector.waitForMessages(2);
      assert.ok(cardText(cardOf(reply.activity)).includes('KB4540673'));
      assert.equal(oboRequests(bot).length, 1);
    });
  }

  /** A token Entra would sign, re-sent with `alg: none` and no signature. */
  const unsigned = (b: SecureBot): string => {
    const { header, payload } = decodeJwt(b.entra.ssoToken(USERS.megan))!;
    const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
    return `${part({ ...header, alg: 'none' })}.${part(payload)}.`;
  };
  const refused: [string, (b: SecureBot) => string, string][] = [
    ['another scope than access_as_user', (b) => b.entra.ssoToken(USERS.megan, { scp: 'User.Read' }), 'scope missing'],
    [
      'no scope at all (an ID token)',
      (b) => b.entra.ssoToken(USERS.megan, { ver: '2.0', scp: null }),
      'ERR_JWT_CLAIM_VALIDATION_FAILED (scp)',
    ],
    ['a client that is not Teams', (b) => b.entra.ssoToken(USERS.megan, { appid: APP_ID }), 'client not Teams'],
    [
      'a v2.0 token for the Application ID URI',
      (b) => b.entra.ssoToken(USERS.megan, { ver: '2.0', aud: `api://botid-${APP_ID}` }),
      'ERR_JWT_CLAIM_VALIDATION_FAILED (aud)',
    ],
    [
      'a v1.0 token for the app id',
      (b) => b.entra.ssoToken(USERS.megan, { aud: APP_ID }),
      'ERR_JWT_CLAIM_VALIDATION_FAILED (aud)',
    ],
    [
      'a token not valid yet',
      (b) => b.entra.ssoToken(USERS.megan, { nbf: nowSeconds() + 600 }),
      'ERR_JWT_CLAIM_VALIDATION_FAILED (nbf)',
    ],
    ['alg "none"', unsigned, 'ERR_JOSE_ALG_NOT_ALLOWED'],
  ];
  for (const [what, token, detail] of refused) {
    it(`refuses ${what}: 412, a sign-in card, and no OBO call`, async () => {
      assert.equal(await exchange(token(bot)), 412);
      const [, reply] = await bot.connector.waitForMessages(2);
      assert.ok(cardText(cardOf(reply.activity)).includes('Teams could not sign you in'));
      assert.equal(oboRequests(bot).length, 0);
      assert.equal(bot.defender.requests.length, 0);
      const rejected = bot.logs.filter((line) => line.includes('auth.sso_rejected'));
      assert.ok(
        rejected.some((line) => line.includes(detail)),
        rejected.join('\n'),
      );
    });
  }
});
