namespace Swarm.Durable.Conformance;

/// <summary>A class-based orchestrator: greets each name in turn and reports progress in its custom status.</summary>
public sealed class GreetEveryone : TaskOrchestrator<string[], string>
{
    /// <inheritdoc />
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string[] input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var greetings = new List<string>();
        foreach (var name in input)
        {
            greetings.Add(await context.CallActivityAsync<string>(nameof(Greeting), name));
            context.SetCustomStatus(new { Done = greetings.Count });
        }

        return string.Join(", ", greetings);
    }
}
