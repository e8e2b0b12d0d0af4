namespace Swarm.Durable.Backend;

/// <summary>A locked activity invocation.</summary>
public sealed record ActivityWorkItem
{
    /// <summary>The orchestration instance that scheduled it.</summary>
    public required string InstanceId { get; init; }

    /// <summary>Its execution.</summary>
    public required string ExecutionId { get; init; }

    /// <summary>The ScheduleTask action id.</summary>
    public required int TaskId { get; init; }

    /// <summary>The activity name.</summary>
    public required string Name { get; init; }

    /// <summary>The activity version.</summary>
    public string? Version { get; init; }

    /// <summary>The serialized input.</summary>
    public string? Input { get; init; }

    /// <summary>Proves ownership of the lock.</summary>
    public required string LockToken { get; init; }

    /// <summary>When the lock expires.</summary>
    public required DateTime LockedUntil { get; init; }

    /// <summary>How many times it has been handed out without completing (1 on the first try).</summary>
    public required int DispatchCount { get; init; }

    /// <summary>The error recorded by the last abandon, when any.</summary>
    public string? LastError { get; init; }

    /// <summary>Backend-private data.</summary>
    public object? Receipt { get; init; }
}
