// src/config/telemetry.ts through loadConfig: APPLICATIONINSIGHTS_CONNECTION_STRING and TELEMETRY_LIVE_METRICS.
import assert from 'node:assert/strict';
import { loadConfig, redactedSummary } from '../../src/config';
import { problems } from '../support/authConfig';

const IKEY = '0b1c2d3e-4f50-4617-8283-94a5b6c7d8e9';
const env = (extra = '', key = `InstrumentationKey=${IKEY}`) => ({
  APPLICATIONINSIGHTS_CONNECTION_STRING: key + extra,
});

describe('telemetry configuration', () => {
  it('is off (undefined, not in the summary) when the connection string is unset or blank', () => {
    for (const config of [loadConfig({}), loadConfig(env('  ', ''))]) {
      assert.equal(config.telemetry, undefined);
      assert.ok(!('telemetry' in redactedSummary(config)));
    }
  });

  it('reads the ingestion endpoint (keys in any case, Azure global by default) and TELEMETRY_LIVE_METRICS', () => {
    assert.deepEqual(loadConfig({ ...env(), TELEMETRY_LIVE_METRICS: 'TRUE' }).telemetry, {
      connectionString: `InstrumentationKey=${IKEY}`,
      ingestionEndpoint: 'https://dc.services.visualstudio.com',
      liveMetrics: true,
    });
    const regional =
      ';IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/;LiveEndpoint=https://x/';
    const config = loadConfig(env(regional.toLowerCase()));
    assert.equal(config.telemetry?.ingestionEndpoint, 'https://westeurope-5.in.applicationinsights.azure.com');
    const summary = JSON.stringify(redactedSummary(config));
    assert.match(
      summary,
      /"telemetry":\{"ingestionEndpoint":"https:\/\/westeurope-5\.in\.\S+\.com","liveMetrics":false\}/,
    );
    assert.ok(!summary.includes(IKEY), 'the instrumentation key is never logged');
  });

  it('refuses a bad TELEMETRY_LIVE_METRICS, a missing or malformed key, and an endpoint that is not plain https', () => {
    const live = 'TELEMETRY_LIVE_METRICS must be true or false (got "yes")';
    assert.deepEqual(problems({ TELEMETRY_LIVE_METRICS: 'yes' }), [live]);
    const key =
      'APPLICATIONINSIGHTS_CONNECTION_STRING must hold InstrumentationKey=<GUID> (Application Insights, Overview)';
    for (const bad of ['InstrumentationKey=abc', 'IngestionEndpoint=https://in.example.test']) {
      assert.deepEqual(problems(env('', bad)), [key]);
    }
    for (const endpoint of ['http://127.0.0.1:1/', 'not a url', 'https://user:pw@in.example.test/', 'https://a/?x']) {
      const found = problems(env(`;IngestionEndpoint=${endpoint}`));
      assert.deepEqual(found, ['APPLICATIONINSIGHTS_CONNECTION_STRING: IngestionEndpoint must be an https URL']);
    }
  });
});
