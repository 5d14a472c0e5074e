// The Azure Bot that connects the Web App to Microsoft Teams. Follows the Microsoft 365 Agents Toolkit's
// "default-bot" template (infra/botRegistration/azurebot.bicep in @microsoft/m365agentstoolkit-cli 1.1.17),
// with a single-tenant Entra app (client secret) as the bot's identity instead of a managed identity: Teams
// SSO needs an app registration whose Application ID URI is api://botid-{app id}.

@minLength(2)
@maxLength(64)
@description('Name of the Azure Bot resource (its handle): letters, digits, hyphens and underscores.')
param botServiceName string

@maxLength(42)
@description('Name Teams shows for the bot.')
param botDisplayName string

@allowed(['F0', 'S1'])
@description('F0 (free) or S1. Microsoft Teams is a standard channel: its messages cost nothing on either.')
param botServiceSku string

@description('Application (client) id of the bot\'s Entra app registration: MicrosoftAppId.')
param botAppId string

@description('Directory (tenant) id of that app registration: MicrosoftAppTenantId.')
param botAppTenantId string

@description('Public host name of the Web App, without https:// (BOT_DOMAIN).')
param botAppDomain string

resource botService 'Microsoft.BotService/botServices@2022-09-15' = {
  kind: 'azurebot'
  location: 'global'
  name: botServiceName
  sku: {
    name: botServiceSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${botAppDomain}/api/messages'
    msaAppId: botAppId
    msaAppTenantId: botAppTenantId
    msaAppType: 'SingleTenant'
  }
}

// Connect the bot to Microsoft Teams.
resource botServiceMsTeamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: botService
  location: 'global'
  name: 'MsTeamsChannel'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

output botServiceName string = botService.name
