namespace Swarm.Durable;

/// <summary>The untyped form of an activity, as the worker sees it.</summary>
public interface ITaskActivity
{
    /// <summary>The type the input is deserialized into.</summary>
    Type InputType { get; }

    /// <summary>The declared output type.</summary>
    Type OutputType { get; }

    /// <summary>Runs the activity.</summary>
    Task<object?> RunAsync(TaskActivityContext context, object? input);
}
