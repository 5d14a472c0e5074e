// HOST in demo mode and REQUEST_TIMEOUT_MS (src/config.ts): an unauthenticated demo stays on loopback.
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../src/config';

const DEV_TOKEN = 'dev-token-7f3c9a1e5b2d4f6a8c0e-SECRET';

/** Every problem loadConfig reports for env (none when it returns). */
function problems(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    return err.problems;
  }
}

/** The single problem reported for env. */
function problem(env: Record<string, string>): string {
  const found = problems(env);
  assert.equal(found.length, 1, found.join('\n'));
  return found[0];
}

describe('loadConfig: HOST in demo mode, REQUEST_TIMEOUT_MS', () => {
  it('refuses a demo with a real Defender token on a public interface, unless told a firewall guards it', () => {
    const exposed = {
      HOST: '0.0.0.0',
      DEFENDER_DEV_TOKEN: DEV_TOKEN,
      DEFENDER_API_BASE_URL: 'https://api.security.microsoft.com',
    };
    assert.match(problem(exposed), /^HOST=0\.0\.0\.0 in demo mode .* read Defender with DEFENDER_DEV_TOKEN/);
    assert.ok(!problem(exposed).includes(DEV_TOKEN));
    assert.equal(loadConfig({ ...exposed, ALLOW_UNAUTHENTICATED_DEMO: 'true' }).host, '0.0.0.0');
    assert.equal(loadConfig({ ...exposed, HOST: '127.0.0.1' }).host, '127.0.0.1');
  });

  it('refuses any demo on a public interface (it would post to any serviceUrl), unless told a firewall guards it', () => {
    for (const host of ['0.0.0.0', '::', '10.0.0.4', 'bot.contoso.com', '::ffff:127.0.0.1']) {
      assert.match(problem({ HOST: host }), /in demo mode .*post to any serviceUrl.*ALLOW_UNAUTHENTICATED_DEMO=true/);
    }
    assert.match(problem({ HOST: '0.0.0.0', ALLOW_UNAUTHENTICATED_DEMO: 'yes' }), /^HOST=0\.0\.0\.0/);
    assert.equal(loadConfig({ HOST: '0.0.0.0', ALLOW_UNAUTHENTICATED_DEMO: 'TRUE' }).host, '0.0.0.0');
    for (const host of ['127.0.0.1', '127.0.0.53', 'localhost', '::1'])
      assert.equal(loadConfig({ HOST: host }).host, host);
    const listed = problems({ HOST: '0.0.0.0', PORT: 'x' });
    assert.equal(listed.length, 2, 'listed with the other problems');
  });

  it('reads REQUEST_TIMEOUT_MS from 1 s to 10 minutes', () => {
    assert.equal(loadConfig({ REQUEST_TIMEOUT_MS: '1000' }).requestTimeoutMs, 1000);
    assert.equal(loadConfig({ REQUEST_TIMEOUT_MS: '600000' }).requestTimeoutMs, 600000);
    assert.match(problem({ REQUEST_TIMEOUT_MS: '999' }), /^REQUEST_TIMEOUT_MS must be a whole number from 1000/);
  });
});
