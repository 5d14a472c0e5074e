// missingkbs-bot on Azure: Linux App Service (Node 20 LTS) + Azure Bot (Teams channel) + Blob storage for
// state + Key Vault for secrets + Application Insights on a Log Analytics workspace.
//
// Modelled on the Microsoft 365 Agents Toolkit "default-bot" template (infra/azure.bicep and
// infra/botRegistration/azurebot.bicep in @microsoft/m365agentstoolkit-cli 1.1.17). Differences: Linux
// instead of Windows, a system-assigned identity that reads Key Vault, the bot signing in with its Entra app
// (client secret in Key Vault) because Teams SSO needs api://botid-{app id}, and storage, vault and telemetry.
//
// Deploy with the Toolkit (m365agents.yml, arm/deploy) or:
//   az deployment group create -g <group> -f infra/azure.bicep -p resourceBaseName=missingkbs \
//     botAppId=<app id> botAppTenantId=<tenant id> botAppPassword=<client secret>
// A required parameter left out stops the deployment before anything is created, naming the parameter.
// No output carries a secret. README "Deploy to Azure" explains each resource.

@minLength(3)
@maxLength(10)
@description('Prefix of every resource name: 3-10 lowercase letters and digits, starting with a letter (e.g. missingkbs). A suffix unique to the resource group is added.')
param resourceBaseName string

@description('Azure region of the resources. Default: the resource group\'s.')
param location string = resourceGroup().location

@description('Application (client) id of the bot\'s Entra app registration (MicrosoftAppId).')
param botAppId string

@description('Directory (tenant) id of the bot\'s Entra app registration (MicrosoftAppTenantId); may differ from the Azure subscription\'s tenant.')
param botAppTenantId string

@secure()
@minLength(1)
@description('Client secret of the bot\'s Entra app registration. Stored in Key Vault as MicrosoftAppPassword; never an output.')
param botAppPassword string

@secure()
@description('Optional NOTIFY_SECRET for POST /api/notify (32 characters or more, e.g. openssl rand -hex 32). Empty: no secret is stored and the webhook stays off (404).')
param notifySecret string = ''

@description('Optional ALLOWED_TENANTS: other tenants (GUIDs, comma-separated) whose users may use the bot. Empty: the app registration\'s tenant only.')
param allowedTenants string = ''

@maxLength(42)
@description('Name Teams shows for the bot.')
param botDisplayName string = 'Missing KBs'

@allowed(['B1', 'B2', 'B3', 'S1', 'S2', 'S3', 'P0v3', 'P1v3', 'P2v3'])
@description('App Service plan size (Linux). Free and shared plans are not offered: they have no Always On.')
param webAppSku string = 'B1'

@minValue(1)
@maxValue(10)
@description('Number of instances of the Web App (Basic plans allow 3 at most). More than one shares the work through the Blob container.')
param instanceCount int = 1

@allowed(['F0', 'S1'])
@description('Azure Bot pricing tier. Teams is a standard channel, free on both.')
param botServiceSku string = 'F0'

@minLength(3)
@maxLength(63)
@description('Blob container holding the bot\'s state (BLOB_CONTAINER).')
param blobContainerName string = 'missingkbs-bot'

@description('Other app settings from env.sample, e.g. {"DEFENDER_API_BASE_URL": "https://eu.api.security.microsoft.com", "SOC_CONVERSATION_ID": "19:..."}. Never secrets. The settings this template sets win over these.')
param extraAppSettings object = {}

var suffix = uniqueString(resourceGroup().id, resourceBaseName)
// Storage account and Key Vault names: 3-24 letters and digits, unique in Azure.
var compactName = toLower('${resourceBaseName}${suffix}')
// Built-in role "Key Vault Secrets User": read secret values (Azure built-in roles reference).
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

resource logs 'Microsoft.OperationalInsights/workspaces@2022-10-01' = {
  name: '${resourceBaseName}-logs-${suffix}'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${resourceBaseName}-ai-${suffix}'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
  }
}

resource storage 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: compactName
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    supportsHttpsTrafficOnly: true
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    // BLOB_CONNECTION_STRING carries the account key: the bot reads Blob storage with a connection string.
    allowSharedKeyAccess: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-01-01' = {
  parent: storage
  name: 'default'
}

resource stateContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-01-01' = {
  parent: blobService
  name: blobContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: compactName
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
  }
}

resource appPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'MicrosoftAppPassword'
  properties: {
    value: botAppPassword
  }
}

resource notifySecretSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(notifySecret)) {
  parent: vault
  name: 'NOTIFY-SECRET'
  properties: {
    value: notifySecret
  }
}

resource blobConnectionSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'BLOB-CONNECTION-STRING'
  properties: {
    value: 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'
  }
}

resource plan 'Microsoft.Web/serverfarms@2022-09-01' = {
  name: '${resourceBaseName}-plan-${suffix}'
  location: location
  kind: 'linux'
  sku: {
    name: webAppSku
    capacity: instanceCount
  }
  properties: {
    reserved: true
  }
}

resource webApp 'Microsoft.Web/sites@2022-09-01' = {
  name: '${resourceBaseName}-${suffix}'
  location: location
  kind: 'app,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Sign-in flows and the token cache live in each instance's memory: keep a user on one instance.
    clientAffinityEnabled: true
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      appCommandLine: 'node --disable-warning=DEP0111 --max-old-space-size=512 dist/src/index.js'
      healthCheckPath: '/healthz'
      alwaysOn: true
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
    }
  }
}

// The Web App's identity may read the vault's secrets, nothing else.
resource webAppReadsSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, webApp.id, keyVaultSecretsUserRoleId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: webApp.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

// Read by App Service itself, not by the bot.
var platformSettings = {
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'false'
}

// Read by the bot (env.sample documents each); secrets are Key Vault references.
var botSettings = {
  MicrosoftAppId: botAppId
  MicrosoftAppTenantId: botAppTenantId
  MicrosoftAppType: 'SingleTenant'
  MicrosoftAppPassword: '@Microsoft.KeyVault(SecretUri=${appPasswordSecret.properties.secretUri})'
  BOT_DOMAIN: webApp.properties.defaultHostName
  ALLOWED_TENANTS: allowedTenants
  STORAGE: 'blob'
  BLOB_CONNECTION_STRING: '@Microsoft.KeyVault(SecretUri=${blobConnectionSecret.properties.secretUri})'
  BLOB_CONTAINER: stateContainer.name
  NOTIFY_SECRET: empty(notifySecret) ? '' : '@Microsoft.KeyVault(SecretUri=${vault.properties.vaultUri}secrets/NOTIFY-SECRET)'
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
}

// Set once the identity may read the vault, so the Key Vault references resolve at the first start.
resource appSettings 'Microsoft.Web/sites/config@2022-09-01' = {
  parent: webApp
  name: 'appsettings'
  dependsOn: [
    webAppReadsSecrets
    notifySecretSecret
  ]
  properties: union(extraAppSettings, platformSettings, botSettings)
}

module azureBotRegistration './botRegistration/azurebot.bicep' = {
  name: 'Azure-Bot-registration'
  params: {
    botServiceName: '${resourceBaseName}-bot-${suffix}'
    botDisplayName: botDisplayName
    botServiceSku: botServiceSku
    botAppId: botAppId
    botAppTenantId: botAppTenantId
    botAppDomain: webApp.properties.defaultHostName
  }
}

// The Toolkit writes these to env/.env.{environment} (names upper-cased); none is a secret.
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'
output AZURE_KEY_VAULT_NAME string = vault.name
output AZURE_STORAGE_ACCOUNT_NAME string = storage.name
output AZURE_BOT_SERVICE_NAME string = azureBotRegistration.outputs.botServiceName
