// Unit tests for the per-tenant Defender rate limit settings of src/config.ts.
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../src/config';

describe('loadConfig: Defender rate limit', () => {
  it('defaults to Defender’s own limits, 100 calls a minute and 1,500 an hour, with a 5 s queue', () => {
    assert.deepEqual(loadConfig({}).defender.rateLimit, { perMinute: 100, perHour: 1500, maxWaitMs: 5000 });
  });

  it('reads DEFENDER_CALLS_PER_MINUTE, DEFENDER_CALLS_PER_HOUR and DEFENDER_QUEUE_MAX_WAIT_MS', () => {
    const config = loadConfig({
      DEFENDER_CALLS_PER_MINUTE: '50',
      DEFENDER_CALLS_PER_HOUR: '600',
      DEFENDER_QUEUE_MAX_WAIT_MS: '0',
    });
    assert.deepEqual(config.defender.rateLimit, { perMinute: 50, perHour: 600, maxWaitMs: 0 });
  });

  it('keeps a queued call within half the lookup deadline, so it still has time to run', () => {
    const config = loadConfig({ DEFENDER_TIMEOUT_MS: '4000', DEFENDER_QUEUE_MAX_WAIT_MS: '10000' });
    assert.equal(config.defender.rateLimit.maxWaitMs, 2000);
  });

  it('refuses budgets that are not positive whole numbers, listing each', () => {
    try {
      loadConfig({ DEFENDER_CALLS_PER_MINUTE: '0', DEFENDER_CALLS_PER_HOUR: 'lots', DEFENDER_QUEUE_MAX_WAIT_MS: '-1' });
      assert.fail('should throw');
    } catch (err) {
      assert.ok(err instanceof ConfigError);
      assert.equal(err.problems.length, 3, err.problems.join('\n'));
      assert.match(err.problems[0], /^DEFENDER_CALLS_PER_MINUTE must be a whole number from 1 to 1000000/);
      assert.match(err.problems[1], /^DEFENDER_CALLS_PER_HOUR must be a whole number from 1 to 10000000/);
      assert.match(err.problems[2], /^DEFENDER_QUEUE_MAX_WAIT_MS must be a whole number from 0 to 60000/);
    }
  });
});
