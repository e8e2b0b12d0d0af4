// Swarm on Azure: a resource group holding the function app (Flex Consumption, custom handler), its
// user-assigned identity, storage, Service Bus, monitoring and alerts. Deployed with `azd up`.
// No resource in this template accepts a key: storage, Service Bus and Application Insights take Entra ID
// tokens only, and every role assignment names the app's user-assigned identity.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; it seeds the resource token and tags every resource.')
param environmentName string

@minLength(1)
@description('Azure region of every resource. It must offer the Flex Consumption plan.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Name of the resource group; empty derives one from the environment name.')
param resourceGroupName string = ''

@description('Name of the user-assigned identity; empty derives one.')
param identityName string = ''

@description('Name of the Log Analytics workspace; empty derives one.')
param logAnalyticsName string = ''

@description('Name of the Application Insights component; empty derives one.')
param applicationInsightsName string = ''

@description('Name of the storage account; empty derives one.')
param storageAccountName string = ''

@description('Replication of the storage account; geo-redundant so the backups survive a regional outage.')
@allowed([
  'Standard_GRS'
  'Standard_RAGRS'
  'Standard_GZRS'
  'Standard_RAGZRS'
])
param storageSkuName string = 'Standard_GRS'

@description('Name of the Service Bus namespace; empty derives one.')
param serviceBusNamespaceName string = ''

@description('Name of the jobs queue.')
param serviceBusQueueName string = 'simulation-jobs'

@description('Deliveries of a job before Service Bus dead-letters it.')
@minValue(1)
@maxValue(100)
param serviceBusMaxDeliveryCount int = 5

@description('Name of the Flex Consumption plan; empty derives one.')
param appServicePlanName string = ''

@description('Name of the function app; empty derives one.')
param functionAppName string = ''

@description('Blob container for the Flex Consumption deployment package; empty derives one.')
param deploymentContainerName string = ''

@description('Prefix of the alert rule names; empty derives one.')
param alertNamePrefix string = ''

@description('Name of the alert action group; empty derives one.')
param actionGroupName string = ''

@description('Durable Task hub name.')
param taskHubName string = 'SwarmHub'

@description('Entra ID authority for the API tokens; empty uses this tenant\'s v2.0 endpoint.')
param authAuthority string = ''

@description('Audience the API tokens must carry: the application ID URI of the Swarm API app registration.')
param authAudience string = ''

@description('E-mail address for alert notifications; empty creates the alert rules without notifications.')
param alertEmail string = ''

@description('Maximum instances of the function app.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

var abbrs = loadJsonContent('./abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var resolvedFunctionAppName = !empty(functionAppName) ? functionAppName : '${abbrs.webSitesFunctions}swarm-${resourceToken}'
var resolvedDeploymentContainerName = !empty(deploymentContainerName) ? deploymentContainerName : 'app-package-${take(resourceToken, 7)}'
var resolvedAuthAuthority = !empty(authAuthority) ? authAuthority : '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: !empty(resourceGroupName) ? resourceGroupName : '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity './modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: !empty(identityName) ? identityName : '${abbrs.managedIdentityUserAssignedIdentities}swarm-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring './modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: !empty(logAnalyticsName) ? logAnalyticsName : '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: !empty(applicationInsightsName) ? applicationInsightsName : '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
  }
}

module storage './modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: !empty(storageAccountName) ? storageAccountName : '${abbrs.storageStorageAccounts}${resourceToken}'
    location: location
    tags: tags
    skuName: storageSkuName
    deploymentContainerName: resolvedDeploymentContainerName
  }
}

module serviceBus './modules/servicebus.bicep' = {
  name: 'servicebus'
  scope: rg
  params: {
    name: !empty(serviceBusNamespaceName) ? serviceBusNamespaceName : '${abbrs.serviceBusNamespaces}${resourceToken}'
    location: location
    tags: tags
    queueName: serviceBusQueueName
    maxDeliveryCount: serviceBusMaxDeliveryCount
  }
}

module rbac './modules/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    principalId: identity.outputs.principalId
    storageAccountName: storage.outputs.name
    serviceBusNamespaceName: serviceBus.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
  }
}

module functionApp './modules/functionapp.bicep' = {
  name: 'functionapp'
  scope: rg
  params: {
    name: resolvedFunctionAppName
    planName: !empty(appServicePlanName) ? appServicePlanName : '${abbrs.webServerFarms}${resourceToken}'
    location: location
    tags: tags
    serviceName: 'api'
    identityId: identity.outputs.resourceId
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    storageBlobEndpoint: storage.outputs.blobEndpoint
    storageTableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerName: storage.outputs.deploymentContainerName
    serviceBusFullyQualifiedNamespace: serviceBus.outputs.fullyQualifiedNamespace
    serviceBusQueueName: serviceBus.outputs.queueName
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    taskHubName: taskHubName
    authAuthority: resolvedAuthAuthority
    authAudience: authAudience
    maximumInstanceCount: maximumInstanceCount
  }
  // The host reads the deployment package and its storage with the identity as soon as the app starts.
  dependsOn: [
    rbac
  ]
}

module alerts './modules/alerts.bicep' = {
  name: 'alerts'
  scope: rg
  params: {
    location: location
    tags: tags
    namePrefix: !empty(alertNamePrefix) ? alertNamePrefix : 'alert-swarm-${resourceToken}'
    applicationInsightsId: monitoring.outputs.applicationInsightsId
    serviceBusNamespaceId: serviceBus.outputs.resourceId
    serviceBusQueueName: serviceBus.outputs.queueName
    actionGroupName: !empty(actionGroupName) ? actionGroupName : '${abbrs.insightsActionGroups}swarm-${resourceToken}'
    alertEmail: alertEmail
  }
}

// Outputs azd stores in the environment (.azure/<env>/.env) and the docs refer to.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output SERVICE_API_NAME string = functionApp.outputs.name
output SERVICE_API_URI string = 'https://${functionApp.outputs.defaultHostName}'
output AZURE_USER_ASSIGNED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint
output AZURE_STORAGE_TABLE_ENDPOINT string = storage.outputs.tableEndpoint
output AZURE_SERVICEBUS_NAMESPACE string = serviceBus.outputs.fullyQualifiedNamespace
output AZURE_SERVICEBUS_QUEUE string = serviceBus.outputs.queueName
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.connectionString
output SWARM_AUTH_AUTHORITY string = resolvedAuthAuthority
