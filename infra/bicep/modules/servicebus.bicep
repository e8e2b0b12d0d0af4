// Service Bus namespace and the queue that producers (the swarm CLI, other services) send simulation
// jobs to. Local (SAS) auth is off. The queue de-duplicates on MessageId, which producers set to the
// job's idempotency key, so a resent job is dropped by the broker before it reaches the app.

@description('Name of the Service Bus namespace.')
param name string

@description('Azure region.')
param location string

@description('Tags for the namespace.')
param tags object = {}

@description('Namespace tier. Duplicate detection needs Standard or Premium.')
@allowed([
  'Standard'
  'Premium'
])
param skuName string = 'Standard'

@description('Name of the jobs queue.')
param queueName string = 'simulation-jobs'

@description('Deliveries before a message is dead-lettered.')
@minValue(1)
@maxValue(100)
param maxDeliveryCount int = 5

@description('How long the broker remembers a MessageId for duplicate detection (ISO 8601 duration).')
param duplicateDetectionWindow string = 'PT1H'

@description('Time to live of a job that nobody received (ISO 8601 duration); expired jobs are dead-lettered.')
param messageTimeToLive string = 'P7D'

resource namespace 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: skuName
    tier: skuName
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }
}

resource queue 'Microsoft.ServiceBus/namespaces/queues@2022-10-01-preview' = {
  parent: namespace
  name: queueName
  properties: {
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: duplicateDetectionWindow
    deadLetteringOnMessageExpiration: true
    maxDeliveryCount: maxDeliveryCount
    defaultMessageTimeToLive: messageTimeToLive
    lockDuration: 'PT1M'
    maxSizeInMegabytes: 1024
    requiresSession: false
    enableBatchedOperations: true
  }
}

output resourceId string = namespace.id
output name string = namespace.name
// serviceBusEndpoint is https://<name>.servicebus.<cloud suffix>:443/; the host name alone is what clients want.
output fullyQualifiedNamespace string = split(replace(namespace.properties.serviceBusEndpoint, 'https://', ''), ':')[0]
output queueName string = queue.name
