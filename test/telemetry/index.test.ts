// Unit tests for src/telemetry/index.ts: off, nothing of OpenTelemetry or Azure Monitor is loaded, and measurements are no-ops.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { silentLogger } from '../../src/log';
import { startTelemetry } from '../../src/telemetry';
import { signals } from '../../src/telemetry/signals';

describe('startTelemetry', () => {
  it('off: loads neither the distro nor OpenTelemetry, even once the whole app is loaded', function () {
    this.timeout(30_000);
    // A fresh process: this one may have loaded anything already.
    const dist = path.resolve(__dirname, '../../src');
    const script = `
      const { startTelemetry } = require(${JSON.stringify(path.join(dist, 'telemetry'))});
      startTelemetry(undefined, {}, require(${JSON.stringify(path.join(dist, 'log'))}).silentLogger).then((t) => {
        require(${JSON.stringify(path.join(dist, 'app'))});
        const loaded = Object.keys(require.cache).filter((m) => /opentelemetry|monitor-opentelemetry/.test(m));
        process.stdout.write(JSON.stringify({ enabled: t.enabled, loaded }));
      });`;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })) as {
      enabled: boolean;
      loaded: string[];
    };
    assert.deepEqual(out, { enabled: false, loaded: [] });
  });

  it('off: sets no environment variable and leaves the measurements as no-ops', async () => {
    const env: NodeJS.ProcessEnv = {};
    const telemetry = await startTelemetry(undefined, env, silentLogger);
    assert.deepEqual(env, {});
    assert.equal(signals().command('help', 'ok'), undefined);
    await telemetry.shutdown();
  });
});
