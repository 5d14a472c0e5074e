// src/config/index.ts: loadConfig (defaults, each key's bounds, every problem listed at once, HOST in demo mode) and redactedSummary.
import assert from 'node:assert/strict';
import sinon from 'sinon';
import { loadConfig, redactedSummary, type Config } from '../../src/config';
import pkg from '../../package.json';
import { problems, type TestEnv } from '../support/authConfig';

const DEV_TOKEN = 'dev-token-7f3c9a1e5b2d4f6a8c0e-SECRET';

/** The single problem reported for env. */
function problem(env: TestEnv): string {
  const found = problems(env);
  assert.equal(found.length, 1, found.join('\n'));
  return found[0];
}

describe('loadConfig', () => {
  afterEach(() => sinon.restore());

  it('runs the demo on 127.0.0.1:3978 with the built-in tenant and the documented defaults', () => {
    assert.deepEqual(loadConfig({}), {
      version: pkg.version,
      mode: 'demo',
      port: 3978,
      host: '127.0.0.1',
      logLevel: 'info',
      shutdownGraceSeconds: 10,
      requestTimeoutMs: 60000,
      bot: { appId: undefined, tenantId: undefined },
      defender: {
        baseUrl: undefined,
        devToken: undefined,
        timeoutMs: 15000,
        maxRetries: 2,
        rateLimit: { perMinute: 100, perHour: 1500, maxWaitMs: 5000 },
      },
      storage: { kind: 'sqlite', dataDir: './data' },
      watches: { maxPerConversation: 50, maxPerTenant: 200, maxPerUser: 25 },
      alerts: { pollMinutes: 60, minDeviceDelta: 5 },
    } satisfies Config);
  });

  it('treats blank values as not set', () => {
    const blank = { PORT: '', HOST: '   ', LOG_LEVEL: ' ', MicrosoftAppId: '', MicrosoftAppTenantId: '\t' };
    assert.deepEqual(loadConfig({ ...blank, DEFENDER_API_BASE_URL: '  ', DEFENDER_TIMEOUT_MS: ' ' }), loadConfig({}));
  });

  it('reads process.env when no environment is given', () => {
    sinon.replace(process, 'env', { PORT: '4567', LOG_LEVEL: 'warn' });
    assert.deepEqual([loadConfig().port, loadConfig().logLevel], [4567, 'warn']);
  });

  const bounds: [string, number, number, (c: Config) => number, TestEnv?][] = [
    ['PORT', 0, 65535, (c) => c.port],
    ['SHUTDOWN_GRACE_SECONDS', 0, 300, (c) => c.shutdownGraceSeconds],
    ['REQUEST_TIMEOUT_MS', 1000, 600000, (c) => c.requestTimeoutMs],
    ['DEFENDER_TIMEOUT_MS', 1000, 120000, (c) => c.defender.timeoutMs],
    ['DEFENDER_MAX_RETRIES', 0, 5, (c) => c.defender.maxRetries],
    ['DEFENDER_CALLS_PER_MINUTE', 1, 1_000_000, (c) => c.defender.rateLimit.perMinute],
    ['DEFENDER_CALLS_PER_HOUR', 1, 10_000_000, (c) => c.defender.rateLimit.perHour],
    ['DEFENDER_QUEUE_MAX_WAIT_MS', 0, 60000, (c) => c.defender.rateLimit.maxWaitMs, { DEFENDER_TIMEOUT_MS: '120000' }],
    ['ALERT_MAX_WATCHES', 1, 500, (c) => c.watches.maxPerConversation],
    ['ALERT_MAX_WATCHES_PER_TENANT', 1, 5000, (c) => c.watches.maxPerTenant],
    ['ALERT_MAX_WATCHES_PER_USER', 1, 500, (c) => c.watches.maxPerUser],
    ['ALERT_POLL_MINUTES', 0, 1440, (c) => c.alerts.pollMinutes],
    ['ALERT_MIN_DEVICE_DELTA', 1, 1_000_000, (c) => c.alerts.minDeviceDelta],
  ];
  for (const [key, min, max, pick, base = {}] of bounds) {
    it(`reads ${key} from ${min} to ${max}, and refuses anything else`, () => {
      const read = (value: string): number => pick(loadConfig({ ...base, [key]: value }));
      assert.deepEqual([read(` ${min} `), read(`${max}`)], [min, max]);
      const message = `${key} must be a whole number from ${min} to ${max}`;
      for (const bad of [`${min - 1}`, `${max + 1}`, '1.5', '1e3', '0x50', 'ten', '99999999999999999999']) {
        assert.equal(problem({ ...base, [key]: bad }), `${message} (got "${bad}")`);
      }
    });
  }

  it('keeps a queued Defender call within half the lookup deadline, so it still has time to run', () => {
    const config = loadConfig({ DEFENDER_TIMEOUT_MS: '4000', DEFENDER_QUEUE_MAX_WAIT_MS: '10000' });
    assert.equal(config.defender.rateLimit.maxWaitMs, 2000);
  });

  it('reads HOST, LOG_LEVEL in any case, the dev token and the tenant id, trimmed', () => {
    const env = { HOST: ' 127.0.0.2 ', DEFENDER_DEV_TOKEN: ` ${DEV_TOKEN} `, MicrosoftAppTenantId: 't-1' };
    const config = loadConfig(env);
    assert.deepEqual([config.host, config.defender.devToken, config.bot.tenantId], ['127.0.0.2', DEV_TOKEN, 't-1']);
    for (const level of ['debug', 'info', 'warn', 'error', 'silent']) {
      assert.equal(loadConfig({ LOG_LEVEL: level }).logLevel, level);
      assert.equal(loadConfig({ LOG_LEVEL: level.toUpperCase() }).logLevel, level);
    }
    const levels = 'debug, info, warn, error, silent';
    assert.equal(problem({ LOG_LEVEL: 'verbose' }), `LOG_LEVEL must be one of ${levels} (got "verbose")`);
  });

  it('reads DEFENDER_API_BASE_URL without trailing slashes; refuses other schemes, credentials, query, fragment', () => {
    for (const [raw, expected] of [
      [' https://api.security.microsoft.com/ ', 'https://api.security.microsoft.com'],
      ['https://eu.api.security.microsoft.com///', 'https://eu.api.security.microsoft.com'],
      ['http://127.0.0.1:8080/proxy/', 'http://127.0.0.1:8080/proxy'],
    ]) {
      assert.equal(loadConfig({ DEFENDER_API_BASE_URL: raw }).defender.baseUrl, expected, raw);
    }
    const bad = 'ftp://x|file:///etc/passwd|javascript:alert(1)|api.security.microsoft.com|not a url|https://a.b/?v=1';
    const expected = /^DEFENDER_API_BASE_URL must be an http\(s\) URL without credentials, query or fragment/;
    for (const url of [...bad.split('|'), 'https://a.b/#f', 'https://a.b/x?', 'https://user:s3cret@a.b']) {
      const found = problem({ DEFENDER_API_BASE_URL: url });
      assert.match(found, expected, url);
      assert.ok(!found.includes('s3cret'), 'credentials are masked');
    }
  });

  it('reports every malformed key together in one ConfigError, one a line, never with the dev token', () => {
    const bad = { PORT: 'x', LOG_LEVEL: 'loud', DEFENDER_TIMEOUT_MS: '5', DEFENDER_MAX_RETRIES: '10', HOST: '::' };
    const found = problems({ ...bad, DEFENDER_DEV_TOKEN: DEV_TOKEN });
    assert.deepEqual(found.map((p) => p.split(/[ =]/)[0]).sort(), Object.keys(bad).sort());
    assert.ok(!found.join('\n').includes(DEV_TOKEN));
    const message = 'Invalid configuration:\n  - PORT must be a whole number from 0 to 65535 (got "x")\n  - ';
    const retries = 'DEFENDER_MAX_RETRIES must be a whole number from 0 to 5 (got "x")';
    const env = { PORT: 'x', DEFENDER_MAX_RETRIES: 'x' };
    assert.throws(() => loadConfig(env), { name: 'ConfigError', message: message + retries });
  });

  it('refuses a public HOST in demo mode (no token checked) unless ALLOW_UNAUTHENTICATED_DEMO=true; names a dev token', () => {
    for (const host of ['0.0.0.0', '::', '10.0.0.4', 'bot.contoso.com', '::ffff:127.0.0.1']) {
      assert.match(problem({ HOST: host }), /in demo mode .*post to any serviceUrl.*ALLOW_UNAUTHENTICATED_DEMO=true/);
    }
    assert.match(problem({ HOST: '0.0.0.0', ALLOW_UNAUTHENTICATED_DEMO: 'yes' }), /^HOST=0\.0\.0\.0/);
    assert.equal(loadConfig({ HOST: '0.0.0.0', ALLOW_UNAUTHENTICATED_DEMO: 'TRUE' }).host, '0.0.0.0');
    for (const host of ['127.0.0.1', '127.0.0.53', 'localhost', '::1'])
      assert.equal(loadConfig({ HOST: host }).host, host);
    const exposed = { HOST: '0.0.0.0', DEFENDER_DEV_TOKEN: DEV_TOKEN, DEFENDER_API_BASE_URL: 'https://x.example' };
    assert.match(problem(exposed), /^HOST=0\.0\.0\.0 in demo mode .* read Defender with DEFENDER_DEV_TOKEN/);
    assert.ok(!problem(exposed).includes(DEV_TOKEN));
  });
});

describe('redactedSummary', () => {
  it('summarises the configuration as plain JSON values, the dev token only as set', () => {
    const summary = redactedSummary(
      loadConfig({ DEFENDER_DEV_TOKEN: DEV_TOKEN, DEFENDER_API_BASE_URL: 'http://127.0.0.1:9999/', PORT: '4000' }),
    );
    assert.deepEqual(summary, {
      version: pkg.version,
      mode: 'demo',
      port: 4000,
      host: '127.0.0.1',
      logLevel: 'info',
      shutdownGraceSeconds: 10,
      requestTimeoutMs: 60000,
      appId: null,
      tenantId: null,
      defenderApi: 'http://127.0.0.1:9999',
      defenderDevToken: '(set)',
      defenderTimeoutMs: 15000,
      defenderMaxRetries: 2,
      defenderRateLimit: { perMinute: 100, perHour: 1500, maxWaitMs: 5000 },
      storage: { kind: 'sqlite', dataDir: './data' },
      alerts: { pollMinutes: 60, minDeviceDelta: 5, notifySecret: '(not set)', socConversationId: null },
    });
    assert.deepEqual(JSON.parse(JSON.stringify(summary)), summary);
    const bare = redactedSummary(loadConfig({}));
    assert.deepEqual([bare.defenderDevToken, bare.defenderApi], ['(not set)', 'built-in demo tenant']);
  });

  it('never contains the dev token, whatever it looks like', () => {
    for (const token of [DEV_TOKEN, 'eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.', 'x'.repeat(5000), 'tok"en\\with\nquotes']) {
      const json = JSON.stringify(redactedSummary(loadConfig({ DEFENDER_DEV_TOKEN: token })));
      assert.ok(!json.includes(JSON.stringify(token).slice(1, -1)), token.slice(0, 20));
    }
  });
});
