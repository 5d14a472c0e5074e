// infra/azure.bicep and infra/botRegistration/azurebot.bicep, read as text (no Bicep compiler offline):
// the resources issue 14 asks for, with the properties that make them safe, documented parameters
// without unsafe defaults, and outputs that carry no secret.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fromRoot } from '../../scripts/lib/paths';
import { startFlags } from '../../scripts/lib/startCommand';
import pkg from '../../package.json';
import { objectEntries, readBicep, resource, valueAt, type BicepFile } from '../support/bicep';

const main = readBicep('infra', 'azure.bicep');
const bot = readBicep('infra', 'botRegistration', 'azurebot.bicep');
const at = (file: BicepFile, symbol: string, path: string): string | undefined =>
  valueAt(resource(file, symbol).body, path);

describe('the Azure infrastructure (infra/*.bicep)', () => {
  it('declares each resource the bot needs', () => {
    const types = (file: BicepFile): string[] => file.resources.map((r) => r.type);
    assert.deepEqual(types(main).sort(), [
      'Microsoft.Authorization/roleAssignments',
      'Microsoft.Insights/components',
      'Microsoft.KeyVault/vaults',
      'Microsoft.KeyVault/vaults/secrets',
      'Microsoft.KeyVault/vaults/secrets',
      'Microsoft.KeyVault/vaults/secrets',
      'Microsoft.OperationalInsights/workspaces',
      'Microsoft.Storage/storageAccounts',
      'Microsoft.Storage/storageAccounts/blobServices',
      'Microsoft.Storage/storageAccounts/blobServices/containers',
      'Microsoft.Web/serverfarms',
      'Microsoft.Web/sites',
      'Microsoft.Web/sites/config',
    ]);
    assert.deepEqual(types(bot), ['Microsoft.BotService/botServices', 'Microsoft.BotService/botServices/channels']);
  });

  it('runs the bot on Linux App Service, Node 20 LTS, HTTPS and TLS 1.2 only, Always On, health-checked', () => {
    assert.equal(at(main, 'plan', 'kind'), "'linux'");
    assert.equal(at(main, 'plan', 'properties.reserved'), 'true');
    const site = (path: string): string | undefined => at(main, 'webApp', path);
    assert.equal(site('properties.siteConfig.linuxFxVersion'), "'NODE|20-lts'");
    assert.equal(site('properties.siteConfig.appCommandLine'), `'node ${startFlags().join(' ')} ${pkg.main}'`);
    assert.equal(site('properties.siteConfig.healthCheckPath'), "'/healthz'");
    assert.match(readFileSync(fromRoot('src', 'server', 'server.ts'), 'utf8'), /server\.get\('\/healthz'/);
    assert.equal(site('properties.siteConfig.alwaysOn'), 'true');
    assert.equal(site('properties.httpsOnly'), 'true');
    assert.equal(site('properties.siteConfig.minTlsVersion'), "'1.2'");
    assert.equal(site('properties.siteConfig.ftpsState'), "'Disabled'");
    assert.equal(site('identity.type'), "'SystemAssigned'");
    assert.equal(site('properties.clientAffinityEnabled'), 'true', 'sign-in flows live in one instance');
  });

  it('registers a single-tenant Azure Bot on the Web App, with the Teams channel', () => {
    const body = resource(bot, 'botService').body;
    assert.equal(valueAt(body, 'properties.msaAppType'), "'SingleTenant'");
    assert.equal(valueAt(body, 'properties.msaAppId'), 'botAppId');
    assert.equal(valueAt(body, 'properties.msaAppTenantId'), 'botAppTenantId');
    assert.equal(valueAt(body, 'properties.endpoint'), "'https://${botAppDomain}/api/messages'");
    assert.equal(at(bot, 'botServiceMsTeamsChannel', 'properties.channelName'), "'MsTeamsChannel'");
    const module = objectEntries(/module azureBotRegistration [^{]+\{([\s\S]+?)\n\}/.exec(main.text)![1]);
    const passed = objectEntries(module.get('params')!.slice(1, -1));
    assert.equal(passed.get('botAppDomain'), 'webApp.properties.defaultHostName');
    assert.equal(passed.get('botAppId'), 'botAppId');
    assert.equal(passed.get('botAppTenantId'), 'botAppTenantId');
    const notPassed = bot.params.filter((p) => p.defaultValue === undefined && !passed.has(p.name));
    assert.deepEqual(notPassed, [], 'a required parameter of azurebot.bicep is not passed');
  });

  it('keeps state in a private Blob container on an HTTPS-only, TLS 1.2 storage account', () => {
    assert.equal(at(main, 'storage', 'properties.supportsHttpsTrafficOnly'), 'true');
    assert.equal(at(main, 'storage', 'properties.minimumTlsVersion'), "'TLS1_2'");
    assert.equal(at(main, 'storage', 'properties.allowBlobPublicAccess'), 'false');
    assert.equal(at(main, 'stateContainer', 'properties.publicAccess'), "'None'");
  });

  it('keeps secrets in an RBAC Key Vault the Web App reads with its identity, before its settings are set', () => {
    assert.equal(at(main, 'vault', 'properties.enableRbacAuthorization'), 'true');
    assert.equal(at(main, 'webAppReadsSecrets', 'scope'), 'vault');
    assert.equal(at(main, 'webAppReadsSecrets', 'properties.principalId'), 'webApp.identity.principalId');
    assert.match(at(main, 'webAppReadsSecrets', 'properties.roleDefinitionId')!, /keyVaultSecretsUserRoleId\)$/);
    // Microsoft's built-in role "Key Vault Secrets User".
    assert.equal(main.vars.get('keyVaultSecretsUserRoleId'), "'4633458b-17de-408a-b874-0445c86b69e6'");
    assert.match(at(main, 'appSettings', 'dependsOn')!, /webAppReadsSecrets/);
    for (const [key, value] of objectEntries(main.vars.get('botSettings')!)) {
      if (/PASSWORD|SECRET|CONNECTION_STRING/i.test(key) && key !== 'APPLICATIONINSIGHTS_CONNECTION_STRING') {
        assert.match(value, /@Microsoft\.KeyVault\(SecretUri=/, `${key} must be a Key Vault reference`);
      }
    }
  });

  it('sends telemetry to Application Insights on a Log Analytics workspace', () => {
    assert.equal(at(main, 'appInsights', 'properties.WorkspaceResourceId'), 'logs.id');
  });

  it('documents every parameter, and only those with no safe value have no default', () => {
    for (const file of [main, bot]) {
      for (const p of file.params)
        assert.ok(p.description && p.description.length > 10, `${p.name} needs @description`);
    }
    const required = main.params.filter((p) => p.defaultValue === undefined).map((p) => p.name);
    assert.deepEqual(required, ['resourceBaseName', 'botAppId', 'botAppTenantId', 'botAppPassword']);
    const secure = main.params.filter((p) => p.secure);
    assert.deepEqual(
      secure.map((p) => [p.name, p.defaultValue]),
      [
        ['botAppPassword', undefined],
        ['notifySecret', "''"],
      ],
    );
  });

  // The outputs the Toolkit's later steps use are checked by toolkit.test.ts ('uses each variable only once a step has set it').
  it('outputs no secret', () => {
    const secretWords = [
      ...main.params.filter((p) => p.secure).map((p) => p.name),
      'listKeys',
      'ConnectionString',
      'Secret',
      'secretUri',
    ];
    for (const [name, value] of main.outputs) {
      for (const word of secretWords) assert.ok(!value.includes(word), `output ${name} uses ${word}`);
    }
  });

  it('has a parameters file (for the Toolkit) that gives every required parameter and no secret value', () => {
    const file = JSON.parse(readFileSync(fromRoot('infra', 'azure.parameters.json'), 'utf8'));
    const given = new Map(Object.entries(file.parameters as Record<string, { value: unknown }>));
    const declared = new Map(main.params.map((p) => [p.name, p]));
    for (const [name, { value }] of given) {
      assert.ok(declared.has(name), `${name} is not a parameter of azure.bicep`);
      if (declared.get(name)!.secure)
        assert.match(String(value), /^\$\{\{SECRET_[A-Z0-9_]+\}\}$/, `${name}: only a SECRET_ variable`);
    }
    for (const p of main.params.filter((p) => p.defaultValue === undefined)) assert.ok(given.has(p.name), p.name);
  });
});
