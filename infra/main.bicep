// Partnership Actions on Azure: everything one partnership's bot needs, in one resource group.
// Deploy: docs/deploy-azure.md (Agents Toolkit: m365agents.yml; or az deployment group create).
// Settings the app reads are in src/config.ts; test/infra/bicep-settings.test.ts checks that this
// template sets every one azure mode requires.

targetScope = 'resourceGroup'

@description('Short name the resources are named from: lower-case letters and digits, 3 to 12 characters.')
@minLength(3)
@maxLength(12)
param baseName string = 'pactions'

@description('Region for everything but the Azure Bot (which is global). Default: the resource group\'s.')
param location string = resourceGroup().location

@description('The bot\'s Microsoft Entra app registration (single tenant): its application (client) id. The toolkit creates it (BOT_ID); by hand: az ad app create.')
param botAppId string

@description('The Entra tenant of the partnership: the only tenant the bot answers. Default: this subscription\'s tenant.')
param botTenantId string = tenant().tenantId

@secure()
@description('A client secret of that app registration. Stored in Key Vault; the app reads it through a Key Vault reference.')
param botPassword string

@secure()
@minLength(32)
@description('Signs the summary\'s download links: 32+ random characters (openssl rand -base64 32). Keep it across deployments, or earlier links stop working.')
param reportLinkSecret string

@secure()
@minLength(32)
@description('Turns on POST /api/tick for an external scheduler (x-partnership-tick-secret header): 32+ random characters.')
param tickSecret string

@description('The bot\'s name in Azure and Teams.')
param botDisplayName string = 'Partnership Actions'

@description('Azure Bot pricing tier: F0 (free; standard channels such as Teams are free on either) or S1.')
@allowed(['F0', 'S1'])
param botSku string = 'F0'

@description('The container image, e.g. <registry>.azurecr.io/partnership-actions:<tag>. Empty before the first `deploy`: a placeholder that answers on port 80 runs until then.')
param containerImage string = ''

@description('Replicas: at least this many (1 keeps the chase\'s timer running; 0 lets it sleep, with ticks then coming only from POST /api/tick).')
@minValue(0)
@maxValue(10)
param minReplicas int = 1

@description('Replicas at most: any number may run, the claims in the store keep each message to one send.')
@minValue(1)
@maxValue(30)
param maxReplicas int = 3

@description('Minutes between ticks of the chase in each replica (SCHEDULER_EVERY_SECONDS / 60).')
@minValue(1)
@maxValue(60)
param tickEveryMinutes int = 1

var token = toLower(uniqueString(subscription().id, resourceGroup().id, baseName))
var appName = '${baseName}-app'
var databaseName = 'partnership-actions'
// The containers and partition keys src/store/open-store.ts expects (see src/store/cosmos-store.ts).
var containers = [
  { name: 'partnership', partitionKey: '/bodyId' }
  { name: 'directory', partitionKey: '/id' }
]
var roles = {
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  acrPull: '7f951dda-4ed3-4680-a7ca-43fe172d538d'
  // Cosmos DB Built-in Data Contributor (data plane): read and write items, nothing on the account.
  cosmosDataContributor: '00000000-0000-0000-0000-000000000002'
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${baseName}-id'
  location: location
}

resource logs 'Microsoft.OperationalInsights/workspaces@2022-10-01' = {
  name: '${baseName}-logs-${token}'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${baseName}-insights'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
  }
}

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  name: '${baseName}-cosmos-${token}'
  location: location
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    capabilities: [{ name: 'EnableServerless' }]
    locations: [{ locationName: location, failoverPriority: 0, isZoneRedundant: false }]
    consistencyPolicy: { defaultConsistencyLevel: 'Session' }
    // Managed identity only: no account keys anywhere.
    disableLocalAuth: true
    // Point-in-time restore to any second of the last 7 days (docs/deploy-azure.md, Backup).
    backupPolicy: {
      type: 'Continuous'
      continuousModeProperties: { tier: 'Continuous7Days' }
    }
    minimalTlsVersion: 'Tls12'
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' = {
  parent: cosmos
  name: databaseName
  properties: { resource: { id: databaseName } }
}

resource cosmosContainers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = [
  for c in containers: {
    parent: database
    name: c.name
    properties: {
      resource: {
        id: c.name
        partitionKey: { paths: [c.partitionKey], kind: 'Hash', version: 2 }
      }
    }
  }
]

resource cosmosRole 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: cosmos
  name: guid(cosmos.id, identity.id, roles.cosmosDataContributor)
  properties: {
    roleDefinitionId: '${cosmos.id}/sqlRoleDefinitions/${roles.cosmosDataContributor}'
    principalId: identity.properties.principalId
    scope: cosmos.id
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-${token}'
  location: location
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 30
    enablePurgeProtection: true
  }
}

var secrets = [
  { name: 'bot-password', value: botPassword }
  { name: 'report-link-secret', value: reportLinkSecret }
  { name: 'tick-secret', value: tickSecret }
]

resource vaultSecrets 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = [
  for s in secrets: {
    parent: vault
    name: s.name
    properties: { value: s.value }
  }
]

resource vaultRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, identity.id, roles.keyVaultSecretsUser)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'acr${token}'
  location: location
  sku: { name: 'Basic' }
  properties: { adminUserEnabled: false }
}

resource registryRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: registry
  name: guid(registry.id, identity.id, roles.acrPull)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.acrPull)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource environment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: '${baseName}-env'
  location: location
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: logs.properties.customerId
        sharedKey: logs.listKeys().primarySharedKey
      }
    }
  }
}

// Known before the app exists, so the app's own settings can name it.
var publicHost = '${appName}.${environment.properties.defaultDomain}'
var ourImage = !empty(containerImage)
var image = ourImage ? containerImage : 'mcr.microsoft.com/k8se/quickstart:latest'

resource app 'Microsoft.App/containerApps@2024-03-01' = {
  name: appName
  location: location
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  dependsOn: [vaultRole, registryRole, cosmosRole, vaultSecrets, cosmosContainers]
  properties: {
    managedEnvironmentId: environment.id
    configuration: {
      ingress: {
        external: true
        targetPort: ourImage ? 3978 : 80
        transport: 'auto'
        allowInsecure: false
      }
      registries: [{ server: registry.properties.loginServer, identity: identity.id }]
      // Key Vault references: the platform fetches them with the identity; no secret is in the template's output.
      secrets: [
        for s in secrets: {
          name: s.name
          keyVaultUrl: '${vault.properties.vaultUri}secrets/${s.name}'
          identity: identity.id
        }
      ]
    }
    template: {
      containers: [
        {
          name: 'bot'
          image: image
          resources: { cpu: json('0.5'), memory: '1Gi' }
          env: [
            { name: 'HOST', value: '0.0.0.0' }
            { name: 'PORT', value: '3978' }
            { name: 'MicrosoftAppId', value: botAppId }
            { name: 'MicrosoftAppType', value: 'SingleTenant' }
            { name: 'MicrosoftAppTenantId', value: botTenantId }
            { name: 'MicrosoftAppPassword', secretRef: 'bot-password' }
            { name: 'COSMOS_ENDPOINT', value: cosmos.properties.documentEndpoint }
            { name: 'COSMOS_DATABASE', value: databaseName }
            // DefaultAzureCredential picks the user-assigned identity by its client id.
            { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
            { name: 'PUBLIC_BASE_URL', value: 'https://${publicHost}' }
            { name: 'REPORT_LINK_SECRET', secretRef: 'report-link-secret' }
            { name: 'TICK_SECRET', secretRef: 'tick-secret' }
            { name: 'SCHEDULER', value: 'on' }
            { name: 'SCHEDULER_EVERY_SECONDS', value: string(tickEveryMinutes * 60) }
            { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
            { name: 'OTEL_SERVICE_NAME', value: 'partnership-actions' }
          ]
          probes: ourImage
            ? [
                {
                  type: 'Startup'
                  httpGet: { path: '/healthz', port: 3978 }
                  periodSeconds: 2
                  failureThreshold: 30
                }
                {
                  type: 'Liveness'
                  httpGet: { path: '/healthz', port: 3978 }
                  periodSeconds: 30
                  timeoutSeconds: 5
                }
                {
                  type: 'Readiness'
                  httpGet: { path: '/healthz', port: 3978 }
                  periodSeconds: 10
                  timeoutSeconds: 5
                }
              ]
            : []
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
        rules: [{ name: 'http', http: { metadata: { concurrentRequests: '50' } } }]
      }
    }
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${baseName}-bot-${token}'
  location: 'global'
  kind: 'azurebot'
  sku: { name: botSku }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${publicHost}/api/messages'
    msaAppId: botAppId
    msaAppType: 'SingleTenant'
    msaAppTenantId: botTenantId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: { isEnabled: true }
  }
}

@description('The bot\'s public host name: give it to `partnership-actions package --host`.')
output BOT_DOMAIN string = publicHost
output BOT_ENDPOINT string = 'https://${publicHost}/api/messages'
output AZURE_CONTAINER_APP_NAME string = app.name
output AZURE_CONTAINER_REGISTRY_NAME string = registry.name
output AZURE_COSMOS_ACCOUNT_NAME string = cosmos.name
output AZURE_KEY_VAULT_NAME string = vault.name
