/** Security headers on everything the server answers (the /auth pages' own are in authPages.test.ts). */
import assert from 'node:assert/strict';
import { startBot, teamsActivity, type RunningBot } from '../support/harness';

const EXPECTED = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

describe('security headers (real server)', () => {
  let bot: RunningBot;
  before(async () => {
    bot = await startBot({ LOG_LEVEL: 'warn' });
  });
  after(() => bot.stop());

  const post = (body: unknown, type = 'application/json'): Promise<Response> =>
    fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': type }, body: JSON.stringify(body) });

  it('sends them with /healthz, /api/messages, refusals and unknown paths', async () => {
    const answers: [string, Response][] = [
      ['GET /healthz', await fetch(`${bot.url}/healthz`)],
      ['POST /api/messages', await post(teamsActivity('personal-message', bot.connector.serviceUrl, 'help'))],
      ['400', await post({ not: 'an activity' })],
      ['415', await post({}, 'text/plain')],
      ['404', await fetch(`${bot.url}/nothing-here`)],
    ];
    for (const [what, res] of answers) {
      await res.arrayBuffer();
      for (const [name, value] of Object.entries(EXPECTED))
        assert.equal(res.headers.get(name), value, `${what}: ${name}`);
      const csp = res.headers.get('content-security-policy') ?? '';
      assert.match(csp, /default-src 'none'/, what);
      assert.match(csp, /frame-ancestors 'none'/, what);
    }
  });
});
