namespace Swarm.Durable;

/// <summary>The untyped form of an orchestrator, as the executor sees it.</summary>
public interface ITaskOrchestrator
{
    /// <summary>The type the input is deserialized into.</summary>
    Type InputType { get; }

    /// <summary>The declared output type.</summary>
    Type OutputType { get; }

    /// <summary>Runs the orchestrator.</summary>
    Task<object?> RunAsync(TaskOrchestrationContext context, object? input);
}
