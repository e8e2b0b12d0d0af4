using Swarm.Durable.History;

namespace Swarm.Durable.Backend;

/// <summary>A locked orchestration instance with the messages to process in one episode.</summary>
/// <remarks>Only the lock holder may complete it; after <see cref="LockedUntil"/> another worker may take it.</remarks>
public sealed record OrchestrationWorkItem
{
    /// <summary>The instance id.</summary>
    public required string InstanceId { get; init; }

    /// <summary>The current execution id.</summary>
    public required string ExecutionId { get; init; }

    /// <summary>The orchestrator name.</summary>
    public required string Name { get; init; }

    /// <summary>The instance's status when it was locked.</summary>
    public required OrchestrationStatus Status { get; init; }

    /// <summary>How many history events the current execution has stored.</summary>
    public required int HistoryCount { get; init; }

    /// <summary>The new messages, oldest first.</summary>
    public required IReadOnlyList<TaskMessage> Messages { get; init; }

    /// <summary>Proves ownership of the lock.</summary>
    public required string LockToken { get; init; }

    /// <summary>When the lock expires.</summary>
    public required DateTime LockedUntil { get; init; }

    /// <summary>How many times this work has been handed out without completing (1 on the first try).</summary>
    public required int DispatchCount { get; init; }

    /// <summary>The error recorded by the last abandon, when any.</summary>
    public string? LastError { get; init; }

    /// <summary>Why some of the locked messages could not be read (they are consumed with the work item).</summary>
    public IReadOnlyList<string> UnreadableMessages { get; init; } = [];

    /// <summary>Backend-private data (message receipts and the like).</summary>
    public object? Receipt { get; init; }
}
