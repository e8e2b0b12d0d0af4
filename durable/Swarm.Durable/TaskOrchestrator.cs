namespace Swarm.Durable;

/// <summary>Base class of orchestrators: override <see cref="RunAsync(TaskOrchestrationContext, TInput)"/>.</summary>
/// <remarks>
/// Orchestrator code is replayed from history, so it must be deterministic: use
/// <see cref="TaskOrchestrationContext.CurrentUtcDateTime"/> (never <c>DateTime.UtcNow</c>),
/// <see cref="TaskOrchestrationContext.NewGuid"/> (never <c>Guid.NewGuid</c>), and await only tasks from the context
/// (never <c>Task.Delay</c>, I/O or <c>Task.Run</c>); do I/O in activities.
/// </remarks>
/// <typeparam name="TInput">The input type.</typeparam>
/// <typeparam name="TOutput">The output type.</typeparam>
public abstract class TaskOrchestrator<TInput, TOutput> : ITaskOrchestrator
{
    /// <inheritdoc />
    public Type InputType => typeof(TInput);

    /// <inheritdoc />
    public Type OutputType => typeof(TOutput);

    /// <summary>Runs the orchestration.</summary>
    public abstract Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input);

    /// <inheritdoc />
    async Task<object?> ITaskOrchestrator.RunAsync(TaskOrchestrationContext context, object? input) =>
        await RunAsync(context, (TInput)input!);
}
