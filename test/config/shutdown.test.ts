// SHUTDOWN_GRACE_SECONDS (src/config.ts): how long a stopping bot lets replies in flight finish.
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../src/config';

describe('loadConfig: SHUTDOWN_GRACE_SECONDS', () => {
  it('defaults to 10 seconds', () => {
    assert.equal(loadConfig({}).shutdownGraceSeconds, 10);
  });

  it('reads 0 to 300 seconds', () => {
    assert.equal(loadConfig({ SHUTDOWN_GRACE_SECONDS: '0' }).shutdownGraceSeconds, 0);
    assert.equal(loadConfig({ SHUTDOWN_GRACE_SECONDS: '300' }).shutdownGraceSeconds, 300);
  });

  it('refuses values out of range or not whole numbers, naming the setting', () => {
    for (const value of ['-1', '301', '2.5', 'ten']) {
      assert.throws(
        () => loadConfig({ SHUTDOWN_GRACE_SECONDS: value }),
        (err: unknown) => err instanceof ConfigError && err.message.includes('SHUTDOWN_GRACE_SECONDS'),
        value,
      );
    }
  });
});
