// The five alert rules of the runbook. Log alerts query the Application Insights component (requests,
// traces, customEvents); the dead-letter alert is a platform metric of the Service Bus namespace.
// Durable Task tracking rows come from the Durable extension itself (category Host.Triggers.DurableTask,
// fields prop__functionName, prop__functionType, prop__state), so they do not depend on the app's code.

@description('Azure region.')
param location string

@description('Tags for the rules.')
param tags object = {}

@description('Prefix of the rule names.')
param namePrefix string

@description('Resource id of the Application Insights component the log alerts query.')
param applicationInsightsId string

@description('Resource id of the Service Bus namespace.')
param serviceBusNamespaceId string

@description('Name of the jobs queue.')
param serviceBusQueueName string

@description('Name of the action group.')
param actionGroupName string

@description('E-mail address the alerts go to; empty creates the rules without notifications.')
param alertEmail string = ''

@description('Share of HTTP requests answered 5xx, in percent, above which the 5xx alert fires.')
param http5xxPercentThreshold int = 5

@description('95th percentile of HTTP request duration, in milliseconds, above which the latency alert fires.')
param latencyP95ThresholdMs int = 2000

@description('Name of the backup orchestrator function.')
param backupOrchestratorName string = 'Backup'

@description('Hours without a completed backup after which the backup alert fires.')
param backupMaxAgeHours int = 26

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = if (!empty(alertEmail)) {
  name: actionGroupName
  location: 'global'
  tags: tags
  properties: {
    groupShortName: take(actionGroupName, 12)
    enabled: true
    emailReceivers: [
      {
        name: 'operations'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

var actionGroups = empty(alertEmail) ? [] : [
  actionGroup.id
]

resource failedOrchestrationsAlert 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = {
  name: '${namePrefix}-failed-orchestrations'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'Swarm: failed orchestrations'
    description: 'An orchestration instance reached the Failed state.'
    severity: 1
    enabled: true
    scopes: [
      applicationInsightsId
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT5M'
    criteria: {
      allOf: [
        {
          query: '''
traces
| where customDimensions.Category == "Host.Triggers.DurableTask"
| where customDimensions.prop__functionType == "Orchestrator"
| where customDimensions.prop__state == "Failed"
| where customDimensions.prop__isReplay != "True"
| summarize failed = count() by instanceId = tostring(customDimensions.prop__instanceId), functionName = tostring(customDimensions.prop__functionName)
'''
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: actionGroups
    }
  }
}

resource http5xxAlert 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = {
  name: '${namePrefix}-http-5xx-rate'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'Swarm: HTTP 5xx rate above ${http5xxPercentThreshold}%'
    description: 'More than ${http5xxPercentThreshold}% of HTTP requests were answered with a 5xx status in the window.'
    severity: 2
    enabled: true
    scopes: [
      applicationInsightsId
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: '''
requests
| summarize total = sum(itemCount), failed = sumif(itemCount, toint(resultCode) >= 500)
| where total > 0
| extend failedPercent = 100.0 * failed / total
'''
          metricMeasureColumn: 'failedPercent'
          timeAggregation: 'Maximum'
          operator: 'GreaterThan'
          threshold: http5xxPercentThreshold
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: actionGroups
    }
  }
}

resource latencyAlert 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = {
  name: '${namePrefix}-http-latency-p95'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'Swarm: HTTP p95 latency above ${latencyP95ThresholdMs} ms'
    description: 'The 95th percentile of HTTP request duration exceeded ${latencyP95ThresholdMs} ms in the window.'
    severity: 2
    enabled: true
    scopes: [
      applicationInsightsId
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: '''
requests
| summarize p95DurationMs = percentile(duration, 95)
'''
          metricMeasureColumn: 'p95DurationMs'
          timeAggregation: 'Maximum'
          operator: 'GreaterThan'
          threshold: latencyP95ThresholdMs
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: actionGroups
    }
  }
}

resource deadLetterAlert 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: '${namePrefix}-servicebus-dead-letters'
  location: 'global'
  tags: tags
  properties: {
    description: 'The ${serviceBusQueueName} queue holds dead-lettered jobs.'
    severity: 2
    enabled: true
    scopes: [
      serviceBusNamespaceId
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'DeadLetteredJobs'
          metricNamespace: 'Microsoft.ServiceBus/namespaces'
          metricName: 'DeadletteredMessages'
          dimensions: [
            {
              name: 'EntityName'
              operator: 'Include'
              values: [
                serviceBusQueueName
              ]
            }
          ]
          timeAggregation: 'Maximum'
          operator: 'GreaterThan'
          threshold: 0
        }
      ]
    }
    autoMitigate: true
    actions: [for id in actionGroups: {
      actionGroupId: id
    }]
  }
}

// Multi-line strings are not interpolated, so the orchestrator name and age go in through format().
var backupQuery = format('''
let orchestrator = "{0}";
let maxAge = {1}h;
union
    (traces
     | where timestamp > ago(maxAge)
     | where customDimensions.Category == "Host.Triggers.DurableTask"
     | where customDimensions.prop__functionName == orchestrator
     | where customDimensions.prop__state == "Completed"),
    (customEvents
     | where timestamp > ago(maxAge)
     | where name == "BackupCompleted")
| summarize completed = count()
''', backupOrchestratorName, backupMaxAgeHours)

// The nightly Backup runs at 03:00 UTC; 26 hours leaves two hours of slack for a slow run before a missed
// night is reported. The query counts completions of the Backup orchestrator (Durable tracking rows) and
// the app's BackupCompleted custom event, so either source keeps the alert quiet.
resource backupMissingAlert 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = {
  name: '${namePrefix}-backup-missing'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'Swarm: no completed backup in ${backupMaxAgeHours} h'
    description: 'No Backup orchestration completed in the last ${backupMaxAgeHours} hours.'
    severity: 1
    enabled: true
    scopes: [
      applicationInsightsId
    ]
    evaluationFrequency: 'PT1H'
    windowSize: 'P2D'
    criteria: {
      allOf: [
        {
          query: backupQuery
          metricMeasureColumn: 'completed'
          timeAggregation: 'Maximum'
          operator: 'LessThan'
          threshold: 1
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: actionGroups
    }
  }
}

output alertRuleIds array = [
  failedOrchestrationsAlert.id
  http5xxAlert.id
  latencyAlert.id
  deadLetterAlert.id
  backupMissingAlert.id
]
