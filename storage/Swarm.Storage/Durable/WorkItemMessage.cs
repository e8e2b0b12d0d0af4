namespace Swarm.Storage.Durable;

/// <summary>The JSON body of a work-item-queue message: one activity invocation.</summary>
internal sealed record WorkItemMessage(
    string InstanceId,
    string ExecutionId,
    int TaskId,
    string Name,
    string? Version,
    string? Input,
    string? InputBlob,
    string? LastError);
