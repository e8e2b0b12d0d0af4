// The function app on a Flex Consumption (FC1) plan, running Swarm.Functions as a custom handler.
// Every connection is identity-based (the user-assigned identity), including the deployment package.
// Flex Consumption takes the worker runtime from functionAppConfig.runtime; it rejects the
// FUNCTIONS_WORKER_RUNTIME and FUNCTIONS_EXTENSION_VERSION app settings, so neither is set here.

@description('Name of the function app.')
param name string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Azure region.')
param location string

@description('Tags for the plan and the app (the app adds azd-service-name).')
param tags object = {}

@description('The azd service name in azure.yaml; azd finds the app by this tag.')
param serviceName string = 'api'

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Client id of the user-assigned identity (selects it for every identity-based connection).')
param identityClientId string

@description('Name of the storage account.')
param storageAccountName string

@description('Blob endpoint of the storage account.')
param storageBlobEndpoint string

@description('Table endpoint of the storage account.')
param storageTableEndpoint string

@description('Blob container holding the deployment package.')
param deploymentContainerName string

@description('Fully qualified Service Bus namespace, e.g. sb-x.servicebus.windows.net.')
param serviceBusFullyQualifiedNamespace string

@description('Name of the jobs queue.')
param serviceBusQueueName string

@description('Application Insights connection string.')
param applicationInsightsConnectionString string

@description('Durable Task hub name (host.json reads it as %SwarmTaskHub%).')
param taskHubName string

@description('Entra ID authority that issues the API tokens, e.g. https://login.microsoftonline.com/<tenant>/v2.0.')
param authAuthority string

@description('Audience (application ID URI or client id) the API tokens must carry.')
param authAudience string

@description('NCRONTAB schedule of the nightly Backup orchestration.')
param backupSchedule string = '0 0 3 * * *'

@description('NCRONTAB schedule of the purge of old completed instances.')
param purgeSchedule string = '0 30 4 * * *'

@description('Completed, failed or terminated instances older than this many days are purged.')
@minValue(1)
param purgeAfterDays int = 30

@description('Days a backup is kept before the Backup orchestration deletes it.')
@minValue(1)
param backupRetentionDays int = 30

@description('Custom handler runtime version for functionAppConfig.runtime.')
param runtimeVersion string = '1.0'

@description('Instance memory of the Flex Consumption plan (MB).')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Upper bound of instances the app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storageBlobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'custom'
        version: runtimeVersion
      }
    }
  }
}

resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: functionApp
  name: 'appsettings'
  properties: {
    // Host storage and the Durable Task hub (Azure Storage provider), identity-based.
    AzureWebJobsStorage__accountName: storageAccountName
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId
    SwarmTaskHub: taskHubName
    // The Service Bus trigger's connection ("connection": "ServiceBusConnection" in function.json).
    ServiceBusConnection__fullyQualifiedNamespace: serviceBusFullyQualifiedNamespace
    ServiceBusConnection__credential: 'managedidentity'
    ServiceBusConnection__clientId: identityClientId
    SwarmJobsQueue: serviceBusQueueName
    // The Swarm state store (runs, results, backups), read by StorageConnection.FromSettings(..., "SwarmState").
    SwarmState__tableServiceUri: storageTableEndpoint
    SwarmState__blobServiceUri: storageBlobEndpoint
    SwarmState__credential: 'managedidentity'
    SwarmState__clientId: identityClientId
    // Telemetry: local auth is off, so ingestion authenticates with the identity.
    APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD;ClientId=${identityClientId}'
    // Entra ID bearer tokens for the HTTP API.
    Auth__Authority: authAuthority
    Auth__Audience: authAudience
    // Timers (NCRONTAB, six fields, UTC).
    SwarmBackupSchedule: backupSchedule
    SwarmBackupRetentionDays: string(backupRetentionDays)
    SwarmPurgeSchedule: purgeSchedule
    SwarmPurgeAfterDays: string(purgeAfterDays)
  }
}

// No basic-auth publishing credentials: azd and the Functions tooling deploy to Flex Consumption with Entra ID.
resource scmCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: functionApp
  name: 'scm'
  properties: {
    allow: false
  }
}

output resourceId string = functionApp.id
output name string = functionApp.name
output defaultHostName string = functionApp.properties.defaultHostName
output planId string = plan.id
