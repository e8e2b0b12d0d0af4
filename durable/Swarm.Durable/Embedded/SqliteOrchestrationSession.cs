using DurableTask.Core;

namespace Swarm.Durable.Embedded;

/// <summary>
/// An extended session: the instance stays locked and its execution cursor stays in DurableTask.Core's dispatcher
/// between episodes, so each episode runs only the new messages instead of replaying the whole history.
/// </summary>
/// <remarks>
/// The session waits for the instance's next messages until <see cref="SqliteOrchestrationServiceOptions.ExtendedSessionIdleTimeout"/>;
/// messages queued by this process wake it at once, messages queued by another process are found by polling.
/// </remarks>
internal sealed class SqliteOrchestrationSession(SqliteOrchestrationService service, string instanceId) : IOrchestrationSession
{
    /// <summary>Set when a message for this instance is queued in this process.</summary>
    public WakeSignal Wake { get; } = new();

    public string InstanceId { get; } = instanceId;

    /// <inheritdoc />
    public Task<IList<TaskMessage>?> FetchNewOrchestrationMessagesAsync(TaskOrchestrationWorkItem workItem) =>
        service.FetchSessionMessagesAsync(this, (SqliteOrchestrationWorkItem)workItem);

    /// <inheritdoc />
    public Task EndSessionAsync()
    {
        service.EndSession(this);
        return Task.CompletedTask;
    }
}
