// src/config/telemetry.ts through loadConfig: APPLICATIONINSIGHTS_CONNECTION_STRING and TELEMETRY_LIVE_METRICS.
import assert from 'node:assert/strict';
import { loadConfig, redactedSummary } from '../../src/config';
import { problems } from '../support/authConfig';

const IKEY = '0b1c2d3e-4f50-4617-8283-94a5b6c7d8e9';
const connection = (extra = ''): string => `InstrumentationKey=${IKEY}${extra}`;

describe('telemetry configuration', () => {
  it('is off (undefined, not in the summary) when the connection string is unset or blank', () => {
    for (const env of [{}, { APPLICATIONINSIGHTS_CONNECTION_STRING: '  ' }]) {
      const config = loadConfig(env);
      assert.equal(config.telemetry, undefined);
      assert.ok(!('telemetry' in redactedSummary(config)));
    }
  });

  it('reads the ingestion endpoint (keys in any case, Azure global by default) and TELEMETRY_LIVE_METRICS', () => {
    const regional = `;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/;LiveEndpoint=https://x/`;
    const config = loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: connection(regional).toLowerCase() });
    assert.equal(config.telemetry?.ingestionEndpoint, 'https://westeurope-5.in.applicationinsights.azure.com');
    assert.equal(config.telemetry?.liveMetrics, false);
    const global = loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: connection(), TELEMETRY_LIVE_METRICS: 'TRUE' });
    assert.deepEqual(global.telemetry, {
      connectionString: connection(),
      ingestionEndpoint: 'https://dc.services.visualstudio.com',
      liveMetrics: true,
    });
  });

  it('logs where telemetry goes, never the instrumentation key', () => {
    const env = { APPLICATIONINSIGHTS_CONNECTION_STRING: connection(';IngestionEndpoint=https://in.example.test/') };
    const summary = JSON.stringify(redactedSummary(loadConfig(env)));
    assert.match(summary, /"telemetry":\{"ingestionEndpoint":"https:\/\/in\.example\.test","liveMetrics":false\}/);
    assert.ok(!summary.includes(IKEY));
  });

  it('refuses a bad TELEMETRY_LIVE_METRICS, a missing or malformed key, and an endpoint that is not plain https', () => {
    assert.deepEqual(problems({ TELEMETRY_LIVE_METRICS: 'yes' }), [
      'TELEMETRY_LIVE_METRICS must be true or false (got "yes")',
    ]);
    for (const cs of ['InstrumentationKey=abc', 'IngestionEndpoint=https://in.example.test']) {
      assert.deepEqual(problems({ APPLICATIONINSIGHTS_CONNECTION_STRING: cs }), [
        'APPLICATIONINSIGHTS_CONNECTION_STRING must hold InstrumentationKey=<GUID> (Application Insights, Overview)',
      ]);
    }
    for (const endpoint of ['http://127.0.0.1:1/', 'not a url', 'https://user:pw@in.example.test/', 'https://a/?x']) {
      const env = { APPLICATIONINSIGHTS_CONNECTION_STRING: connection(`;IngestionEndpoint=${endpoint}`) };
      assert.deepEqual(problems(env), [
        'APPLICATIONINSIGHTS_CONNECTION_STRING: IngestionEndpoint must be an https URL',
      ]);
    }
  });
});
