namespace Swarm.Durable;

/// <summary>Options for scheduling a new instance.</summary>
/// <param name="InstanceId">The instance id; a new GUID when null. Use an idempotency key to make submissions safe to repeat.</param>
/// <param name="StartAt">Start no earlier than this time (UTC); now when null.</param>
public sealed record StartOrchestrationOptions(string? InstanceId = null, DateTimeOffset? StartAt = null);
