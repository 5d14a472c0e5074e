// Unit tests for src/config.ts: loadConfig (defaults, parsing, every problem reported at once) and redactedSummary.
import assert from 'node:assert/strict';
import sinon from 'sinon';
import { ConfigError, loadConfig, redactedSummary, type Config } from '../../src/config';
import pkg from '../../package.json';

const DEV_TOKEN = 'dev-token-7f3c9a1e5b2d4f6a8c0e-SECRET';

/** The ConfigError loadConfig throws for env; fails the test if it returns instead. */
function configError(env: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected ConfigError, got ${String(err)}`);
    return err;
  }
  assert.fail(`loadConfig(${JSON.stringify(env)}) should throw`);
}

/** The single problem reported for env. */
function problem(env: Record<string, string | undefined>): string {
  const { problems } = configError(env);
  assert.equal(problems.length, 1, problems.join('\n'));
  return problems[0];
}

describe('loadConfig', () => {
  afterEach(() => {
    sinon.restore();
  });

  describe('defaults', () => {
    it('runs the demo on 127.0.0.1:3978 with the built-in tenant, 15 s timeout, 2 retries and info logs', () => {
      const config = loadConfig({});
      assert.deepEqual(config, {
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

    it('treats empty and whitespace-only values as not set', () => {
      const config = loadConfig({
        PORT: '',
        HOST: '   ',
        LOG_LEVEL: ' ',
        MicrosoftAppId: '',
        MicrosoftAppTenantId: '\t',
        DEFENDER_API_BASE_URL: '  ',
        DEFENDER_DEV_TOKEN: '',
        DEFENDER_TIMEOUT_MS: ' ',
        DEFENDER_MAX_RETRIES: '',
      });
      assert.deepEqual(config, loadConfig({}));
    });

    it('accepts the values env.sample documents', () => {
      const config = loadConfig({
        PORT: '3978',
        LOG_LEVEL: 'info',
        MicrosoftAppId: '',
        DEFENDER_TIMEOUT_MS: '15000',
        DEFENDER_MAX_RETRIES: '2',
      });
      assert.deepEqual(config, loadConfig({}));
    });

    it('reads process.env when no environment is given', () => {
      sinon.replace(process, 'env', { PORT: '4567', LOG_LEVEL: 'warn' });
      const config = loadConfig();
      assert.equal(config.port, 4567);
      assert.equal(config.logLevel, 'warn');
    });
  });

  describe('values', () => {
    it('reads PORT, HOST and LOG_LEVEL, trimming spaces', () => {
      const config = loadConfig({ PORT: ' 8080 ', HOST: ' 127.0.0.2 ', LOG_LEVEL: 'debug' });
      assert.equal(config.port, 8080);
      assert.equal(config.host, '127.0.0.2');
      assert.equal(config.logLevel, 'debug');
    });

    it('accepts PORT 0 (any free port) and 65535', () => {
      assert.equal(loadConfig({ PORT: '0' }).port, 0);
      assert.equal(loadConfig({ PORT: '65535' }).port, 65535);
    });

    it('accepts every log level in any letter case', () => {
      for (const level of ['debug', 'info', 'warn', 'error', 'silent'] as const) {
        assert.equal(loadConfig({ LOG_LEVEL: level }).logLevel, level);
        assert.equal(loadConfig({ LOG_LEVEL: level.toUpperCase() }).logLevel, level);
      }
    });

    it('accepts the bounds of DEFENDER_TIMEOUT_MS and DEFENDER_MAX_RETRIES', () => {
      assert.equal(loadConfig({ DEFENDER_TIMEOUT_MS: '1000' }).defender.timeoutMs, 1000);
      assert.equal(loadConfig({ DEFENDER_TIMEOUT_MS: '120000' }).defender.timeoutMs, 120000);
      assert.equal(loadConfig({ DEFENDER_MAX_RETRIES: '0' }).defender.maxRetries, 0);
      assert.equal(loadConfig({ DEFENDER_MAX_RETRIES: '5' }).defender.maxRetries, 5);
    });

    it('keeps DEFENDER_DEV_TOKEN and MicrosoftAppTenantId', () => {
      const config = loadConfig({ DEFENDER_DEV_TOKEN: ` ${DEV_TOKEN} `, MicrosoftAppTenantId: 'tenant-1' });
      assert.equal(config.defender.devToken, DEV_TOKEN);
      assert.equal(config.bot.tenantId, 'tenant-1');
      assert.equal(config.mode, 'demo');
    });

    it('removes trailing slashes from DEFENDER_API_BASE_URL', () => {
      const cases: [string, string][] = [
        ['https://api.security.microsoft.com/', 'https://api.security.microsoft.com'],
        ['https://api.security.microsoft.com', 'https://api.security.microsoft.com'],
        ['https://eu.api.security.microsoft.com///', 'https://eu.api.security.microsoft.com'],
        ['http://127.0.0.1:8080/', 'http://127.0.0.1:8080'],
        ['https://proxy.example/defender/', 'https://proxy.example/defender'],
        [' https://api.security.microsoft.com/ ', 'https://api.security.microsoft.com'],
      ];
      for (const [raw, expected] of cases) {
        assert.equal(loadConfig({ DEFENDER_API_BASE_URL: raw }).defender.baseUrl, expected, raw);
      }
    });
  });

  describe('problems', () => {
    it('refuses a bad PORT', () => {
      for (const port of ['abc', '-1', '65536', '80.5', '1e3', '0x50', '99999999999999999999']) {
        assert.match(problem({ PORT: port }), /^PORT must be a whole number from 0 to 65535 \(got ".*"\)$/, port);
      }
    });

    it('refuses a bad LOG_LEVEL', () => {
      assert.equal(
        problem({ LOG_LEVEL: 'verbose' }),
        'LOG_LEVEL must be one of debug, info, warn, error, silent (got "verbose")',
      );
    });

    it('refuses a bad DEFENDER_TIMEOUT_MS', () => {
      for (const value of ['999', '120001', 'soon', '1.5', '-1000']) {
        assert.match(
          problem({ DEFENDER_TIMEOUT_MS: value }),
          /^DEFENDER_TIMEOUT_MS must be a whole number from 1000 to 120000/,
        );
      }
    });

    it('refuses a bad DEFENDER_MAX_RETRIES', () => {
      for (const value of ['6', '-1', 'many', '2.0']) {
        assert.match(
          problem({ DEFENDER_MAX_RETRIES: value }),
          /^DEFENDER_MAX_RETRIES must be a whole number from 0 to 5/,
        );
      }
    });

    it('refuses a DEFENDER_API_BASE_URL that is not http(s), or has a query or fragment', () => {
      for (const url of [
        'ftp://x',
        'file:///etc/passwd',
        'javascript:alert(1)',
        'api.security.microsoft.com',
        'not a url',
        'https://api.security.microsoft.com/?api-version=1',
        'https://api.security.microsoft.com/#frag',
        'https://api.security.microsoft.com/api?x=1#y',
        'https://proxy.example/defender?',
        'https://proxy.example/defender#',
        'https://user:s3cret@proxy.example',
      ]) {
        assert.match(
          problem({ DEFENDER_API_BASE_URL: url }),
          /^DEFENDER_API_BASE_URL must be an http\(s\) URL without credentials, query or fragment/,
          url,
        );
      }
    });

    it('reports every malformed key together in one ConfigError', () => {
      const err = configError({
        PORT: 'eighty',
        LOG_LEVEL: 'loud',
        DEFENDER_TIMEOUT_MS: '5',
        DEFENDER_MAX_RETRIES: '10',
        DEFENDER_API_BASE_URL: 'ftp://x',
      });
      assert.equal(err.problems.length, 5, err.problems.join('\n'));
      for (const key of ['PORT', 'LOG_LEVEL', 'DEFENDER_TIMEOUT_MS', 'DEFENDER_MAX_RETRIES', 'DEFENDER_API_BASE_URL']) {
        assert.equal(err.problems.filter((p) => p.startsWith(`${key} `)).length, 1, key);
      }
      assert.equal(err.name, 'ConfigError');
      assert.ok(err instanceof Error);
      assert.match(err.message, /^Invalid configuration:\n/);
      for (const p of err.problems) assert.ok(err.message.includes(`  - ${p}`));
    });

    it('reports the sign-in problems of production mode with the others', () => {
      const err = configError({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001', PORT: 'x' });
      assert.ok(err.problems.some((p) => p.startsWith('PORT ')));
      assert.ok(err.problems.some((p) => p.startsWith('MicrosoftAppTenantId ')));
      assert.ok(err.problems.some((p) => p.startsWith('A credential is required')));
      assert.ok(err.problems.some((p) => p.startsWith('BOT_DOMAIN ')));
      assert.equal(err.problems.length, 4, err.problems.join('\n'));
    });

    it('never echoes DEFENDER_DEV_TOKEN in a problem', () => {
      const err = configError({ DEFENDER_DEV_TOKEN: DEV_TOKEN, PORT: 'bad', LOG_LEVEL: 'bad' });
      assert.ok(!err.message.includes(DEV_TOKEN));
      assert.ok(!err.problems.join('\n').includes(DEV_TOKEN));
    });
  });
});

describe('redactedSummary', () => {
  it('summarises the configuration and never contains the dev token', () => {
    const config = loadConfig({
      DEFENDER_DEV_TOKEN: DEV_TOKEN,
      DEFENDER_API_BASE_URL: 'http://127.0.0.1:9999/',
      PORT: '4000',
      LOG_LEVEL: 'debug',
    });
    const summary = redactedSummary(config);
    assert.deepEqual(summary, {
      version: pkg.version,
      mode: 'demo',
      port: 4000,
      host: '127.0.0.1',
      logLevel: 'debug',
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
    const json = JSON.stringify(summary);
    assert.ok(!json.includes(DEV_TOKEN));
    assert.ok(!json.includes('SECRET'));
  });

  it('says when the dev token and the API are not set', () => {
    const summary = redactedSummary(loadConfig({}));
    assert.equal(summary.defenderDevToken, '(not set)');
    assert.equal(summary.defenderApi, 'built-in demo tenant');
  });

  it('never contains the dev token, whatever it looks like', () => {
    for (const token of ['a', 'eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.', 'x'.repeat(5000), 'tok"en\\with\nquotes']) {
      const summary = redactedSummary(loadConfig({ DEFENDER_DEV_TOKEN: token }));
      assert.equal(summary.defenderDevToken, '(set)');
      if (token.length > 1) assert.ok(!JSON.stringify(summary).includes(JSON.stringify(token).slice(1, -1)));
    }
  });

  it('holds only plain values that serialise to JSON', () => {
    const summary = redactedSummary(loadConfig({ DEFENDER_DEV_TOKEN: DEV_TOKEN }));
    assert.deepEqual(JSON.parse(JSON.stringify(summary)), summary);
  });
});
