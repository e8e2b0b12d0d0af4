using Swarm.Durable.History;

namespace Swarm.Durable.Execution;

/// <summary>
/// The replay executor: a pure function from (past history, new events) to (actions, custom status).
/// It never touches a backend, so the embedded worker and the Azure Functions adapter both drive it.
/// </summary>
public sealed class OrchestrationExecutor
{
    private readonly DurableTaskRegistry _registry;
    private readonly IServiceProvider _services;
    private readonly OrchestrationExecutorOptions _options;

    /// <summary>Creates an executor over the orchestrators in <paramref name="registry"/>.</summary>
    public OrchestrationExecutor(DurableTaskRegistry registry, IServiceProvider services, OrchestrationExecutorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(services);
        _registry = registry;
        _services = services;
        _options = options ?? new OrchestrationExecutorOptions();
    }

    /// <summary>The options in use.</summary>
    public OrchestrationExecutorOptions Options => _options;

    /// <summary>Runs one episode from scratch: replays <paramref name="pastEvents"/>, then applies <paramref name="newEvents"/>.</summary>
    public OrchestratorResult Execute(string instanceId, IReadOnlyList<HistoryEvent> pastEvents, IReadOnlyList<HistoryEvent> newEvents)
    {
        var execution = Begin(instanceId);
        execution.Replay(pastEvents);
        return execution.Advance(newEvents);
    }

    /// <summary>Starts an execution that can be kept in memory and advanced episode by episode.</summary>
    public OrchestrationExecution Begin(string instanceId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        return new OrchestrationExecution(new ReplayOrchestrationContext(instanceId, _registry, _services, _options));
    }
}
