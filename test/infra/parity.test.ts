// infra/azure.bicep against src/'s configuration and env.sample, both ways: every app setting the
// infrastructure sets is one the bot reads and env.sample documents, and the settings it sets are
// enough for the bot to start in production mode on Blob storage.
import assert from 'node:assert/strict';
import { readBicep } from '../support/bicep';
import { appSettingsEnv } from '../support/bicepEval';
import { botConfigKeys, envSampleKeys, packageKeys, recordingEnv } from '../support/configKeys';
import { ConfigError, loadConfig } from '../../src/config';

const APP_ID = '00000000-0000-0000-0000-0000000000a1';
const TENANT_ID = '00000000-0000-0000-0000-0000000000b2';
/** The required parameters, as the Toolkit's parameters file or `az deployment group create -p` give them. */
const PARAMS = {
  resourceBaseName: 'missingkbs',
  botAppId: APP_ID,
  botAppTenantId: TENANT_ID,
  botAppPassword: 's3cret~value',
};
/** App Service's own settings (Microsoft's "Environment variables and app settings in Azure App Service"). */
const APP_SERVICE_SETTINGS = ['SCM_DO_BUILD_DURING_DEPLOYMENT', 'WEBSITE_RUN_FROM_PACKAGE', 'WEBSITES_PORT'];

describe('infrastructure and configuration parity', () => {
  const bicep = readBicep('infra', 'azure.bicep');
  const botKeys = botConfigKeys();
  const settings = (params: Record<string, string> = PARAMS): Record<string, string> =>
    appSettingsEnv(bicep, 'botSettings', params);

  it('finds every key the configuration reads (the scan misses none that loadConfig reads)', () => {
    const envs = [{}, settings(), { ...settings(), STORAGE: 'sqlite', ALERT_POLL_SECONDS: '30', LOG_LEVEL: 'debug' }];
    for (const env of envs) {
      const recorder = recordingEnv(env);
      try {
        loadConfig(recorder.env);
      } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
      }
      const missed = [...recorder.read].filter((key) => !botKeys.has(key));
      assert.deepEqual(missed, []);
    }
    assert.ok(botKeys.size >= 30, `only ${botKeys.size} keys found`);
  });

  it('sets only settings the bot reads, each documented in env.sample', () => {
    const documented = envSampleKeys();
    for (const key of Object.keys(settings())) {
      assert.ok(botKeys.has(key), `${key} is set by infra/azure.bicep but read by no code`);
      assert.ok(documented.has(key), `${key} is set by infra/azure.bicep but not documented in env.sample`);
    }
  });

  it('sets App Service settings apart, and only ones App Service documents', () => {
    const platform = Object.keys(appSettingsEnv(bicep, 'platformSettings', PARAMS));
    for (const key of platform) {
      assert.ok(APP_SERVICE_SETTINGS.includes(key), `${key}: not an App Service setting`);
      assert.ok(!botKeys.has(key), `${key} is read by the bot: move it to botSettings`);
    }
    assert.match(bicep.text, /properties: union\(extraAppSettings, platformSettings, botSettings\)/);
  });

  it('env.sample documents only keys something reads', () => {
    const readers = new Set([...botKeys, ...packageKeys()]);
    const unread = [...envSampleKeys()].filter((key) => !readers.has(key));
    assert.deepEqual(unread, []);
  });

  it('sets every setting production needs: the bot starts signed in, on Blob storage, with telemetry', () => {
    const env = settings();
    const config = loadConfig(env);
    assert.equal(config.mode, 'production');
    assert.equal(config.bot.appId, APP_ID);
    assert.equal(config.bot.tenantId, TENANT_ID);
    assert.deepEqual(config.auth?.credential, { kind: 'secret', secret: PARAMS.botAppPassword });
    assert.equal(config.auth?.publicBaseUrl, 'https://missingkbs-abc123.azurewebsites.net');
    assert.deepEqual(config.auth?.allowedTenants, [TENANT_ID]);
    assert.equal(config.storage.kind, 'blob');
    assert.equal(config.storage.kind === 'blob' && config.storage.container, 'missingkbs-bot');
    assert.match(env.BLOB_CONNECTION_STRING, /^DefaultEndpointsProtocol=https;AccountName=\w+;AccountKey=/);
    assert.equal(config.alerts.notifySecret, undefined, 'no notifySecret parameter: the webhook stays off');
    assert.match(env.APPLICATIONINSIGHTS_CONNECTION_STRING, /^InstrumentationKey=[^;]+;IngestionEndpoint=https:/);
  });

  it('passes the optional parameters through: NOTIFY_SECRET from Key Vault, ALLOWED_TENANTS', () => {
    const other = '00000000-0000-0000-0000-0000000000c3';
    const notifySecret = 'f'.repeat(64);
    const config = loadConfig(settings({ ...PARAMS, notifySecret, allowedTenants: other }));
    assert.equal(config.alerts.notifySecret, notifySecret);
    assert.deepEqual(config.auth?.allowedTenants, [TENANT_ID, other]);
  });
});
