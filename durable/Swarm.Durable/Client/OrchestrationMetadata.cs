using Swarm.Durable.History;

namespace Swarm.Durable;

/// <summary>The state of one orchestration instance as clients see it; mirrors the protobuf <c>OrchestrationState</c>.</summary>
public sealed record OrchestrationMetadata
{
    /// <summary>The instance id.</summary>
    public required string InstanceId { get; init; }

    /// <summary>The orchestrator name.</summary>
    public required string Name { get; init; }

    /// <summary>The runtime status.</summary>
    public required OrchestrationStatus RuntimeStatus { get; init; }

    /// <summary>The current execution id.</summary>
    public string? ExecutionId { get; init; }

    /// <summary>When the instance was created (UTC).</summary>
    public DateTime CreatedAt { get; init; }

    /// <summary>When its state last changed (UTC).</summary>
    public DateTime LastUpdatedAt { get; init; }

    /// <summary>When it finished (UTC), when it has.</summary>
    public DateTime? CompletedAt { get; init; }

    /// <summary>The requested start time, when delayed.</summary>
    public DateTime? ScheduledStartAt { get; init; }

    /// <summary>The parent instance, for a sub-orchestration.</summary>
    public string? ParentInstanceId { get; init; }

    /// <summary>The serialized input (only when requested).</summary>
    public string? SerializedInput { get; init; }

    /// <summary>The serialized output (only when requested).</summary>
    public string? SerializedOutput { get; init; }

    /// <summary>The serialized custom status (only when requested).</summary>
    public string? SerializedCustomStatus { get; init; }

    /// <summary>Why the instance failed.</summary>
    public TaskFailureDetails? FailureDetails { get; init; }

    /// <summary>True while the instance can still make progress.</summary>
    public bool IsRunning => RuntimeStatus is OrchestrationStatus.Running or OrchestrationStatus.Pending or OrchestrationStatus.Suspended or OrchestrationStatus.ContinuedAsNew;

    /// <summary>True once it has finished.</summary>
    public bool IsCompleted => RuntimeStatus.IsTerminal();

    /// <summary>The input deserialized as <typeparamref name="T"/>.</summary>
    public T? ReadInputAs<T>(DataConverter? converter = null) => (converter ?? JsonDataConverter.Default).Deserialize<T>(SerializedInput);

    /// <summary>The output deserialized as <typeparamref name="T"/>.</summary>
    public T? ReadOutputAs<T>(DataConverter? converter = null) => (converter ?? JsonDataConverter.Default).Deserialize<T>(SerializedOutput);

    /// <summary>The custom status deserialized as <typeparamref name="T"/>.</summary>
    public T? ReadCustomStatusAs<T>(DataConverter? converter = null) => (converter ?? JsonDataConverter.Default).Deserialize<T>(SerializedCustomStatus);
}
