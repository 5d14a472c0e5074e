// Unit tests for src/telemetry/config.ts through loadConfig: APPLICATIONINSIGHTS_CONNECTION_STRING and TELEMETRY_LIVE_METRICS.
import assert from 'node:assert/strict';
import { ConfigError, loadConfig, redactedSummary } from '../../src/config';

const IKEY = '0b1c2d3e-4f50-4617-8283-94a5b6c7d8e9';

/** The problems loadConfig reports for these telemetry settings. */
function problems(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    assert.ok(err instanceof ConfigError);
    return err.problems;
  }
}

describe('telemetry configuration', () => {
  it('is off (undefined, not in the summary) when the connection string is unset or blank', () => {
    for (const value of [undefined, '', '  ']) {
      const config = loadConfig(value === undefined ? {} : { APPLICATIONINSIGHTS_CONNECTION_STRING: value });
      assert.equal(config.telemetry, undefined);
      assert.ok(!('telemetry' in redactedSummary(config)));
    }
  });

  it('reads the ingestion endpoint (keys in any case), live metrics off by default', () => {
    const config = loadConfig({
      APPLICATIONINSIGHTS_CONNECTION_STRING: `instrumentationkey=${IKEY};IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/;LiveEndpoint=https://westeurope.livediagnostics.monitor.azure.com/`,
    });
    assert.equal(config.telemetry?.ingestionEndpoint, 'https://westeurope-5.in.applicationinsights.azure.com');
    assert.equal(config.telemetry?.liveMetrics, false);
    assert.equal(
      loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: `InstrumentationKey=${IKEY}` }).telemetry?.ingestionEndpoint,
      'https://dc.services.visualstudio.com',
    );
  });

  it('turns live metrics on with TELEMETRY_LIVE_METRICS=true', () => {
    const env = { APPLICATIONINSIGHTS_CONNECTION_STRING: `InstrumentationKey=${IKEY}`, TELEMETRY_LIVE_METRICS: 'TRUE' };
    assert.equal(loadConfig(env).telemetry?.liveMetrics, true);
  });

  it('logs where telemetry goes, never the instrumentation key', () => {
    const config = loadConfig({
      APPLICATIONINSIGHTS_CONNECTION_STRING: `InstrumentationKey=${IKEY};IngestionEndpoint=https://in.example.test/`,
    });
    const summary = JSON.stringify(redactedSummary(config));
    assert.match(summary, /"telemetry":\{"ingestionEndpoint":"https:\/\/in\.example\.test","liveMetrics":false\}/);
    assert.ok(!summary.includes(IKEY));
  });

  it('refuses a key that is not a GUID, an http or malformed endpoint, and a bad TELEMETRY_LIVE_METRICS, together', () => {
    assert.deepEqual(
      problems({ APPLICATIONINSIGHTS_CONNECTION_STRING: 'InstrumentationKey=abc', TELEMETRY_LIVE_METRICS: 'yes' }),
      [
        'TELEMETRY_LIVE_METRICS must be true or false (got "yes")',
        'APPLICATIONINSIGHTS_CONNECTION_STRING must hold InstrumentationKey=<GUID> (Application Insights, Overview)',
      ],
    );
    for (const endpoint of ['http://127.0.0.1:1/', 'not a url', 'https://user:pw@in.example.test/']) {
      const env = { APPLICATIONINSIGHTS_CONNECTION_STRING: `InstrumentationKey=${IKEY};IngestionEndpoint=${endpoint}` };
      assert.deepEqual(problems(env), [
        'APPLICATIONINSIGHTS_CONNECTION_STRING: IngestionEndpoint must be an https URL',
      ]);
    }
  });
});
