namespace Swarm.Functions.Triggers;

/// <summary>A Service Bus queue trigger; the queue name and connection come from app settings.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ServiceBusTriggerAttribute(string queueNameSetting, string connection) : Attribute
{
    /// <summary>The queue name as a <c>%setting%</c> expression, e.g. <c>%SwarmJobsQueue%</c>.</summary>
    public string QueueName { get; } = queueNameSetting;

    /// <summary>The connection's setting prefix, e.g. <c>ServiceBusConnection</c> (identity-based: <c>__fullyQualifiedNamespace</c>).</summary>
    public string Connection { get; } = connection;
}
