namespace Swarm.Durable.Conformance;

/// <summary>An activity built through DI: greets and records itself in the ledger.</summary>
public sealed class Greeting(ExecutionLedger ledger) : TaskActivity<string, string>
{
    /// <inheritdoc />
    public override Task<string> RunAsync(TaskActivityContext context, string input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ledger.Record($"{context.InstanceId}/greet/{input}");
        return Task.FromResult($"Hello {input}");
    }
}
