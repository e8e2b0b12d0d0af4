namespace Swarm.Durable.Backend;

/// <summary>An activity invocation to be queued.</summary>
/// <param name="InstanceId">The orchestration instance that scheduled it.</param>
/// <param name="ExecutionId">Its execution.</param>
/// <param name="TaskId">The ScheduleTask action id the result must answer.</param>
/// <param name="Name">The activity name.</param>
/// <param name="Version">The activity version.</param>
/// <param name="Input">The serialized input.</param>
public sealed record ActivityMessage(string InstanceId, string ExecutionId, int TaskId, string Name, string? Version, string? Input);
