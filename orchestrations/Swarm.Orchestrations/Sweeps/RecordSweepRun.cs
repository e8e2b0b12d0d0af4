using Microsoft.DurableTask;
using Swarm.Orchestrations.State;

namespace Swarm.Orchestrations.Sweeps;

/// <summary>Records the result row of a long sweep run that ran as a chunked SimulationRun.</summary>
public sealed class RecordSweepRun(StateStore store) : TaskActivity<RecordSweepRunRequest, bool>
{
    /// <inheritdoc />
    public override async Task<bool> RunAsync(TaskActivityContext context, RecordSweepRunRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        await store.Records.UpsertAsync(SweepRunRecord.Create(input.Run, input.Reporters, input.StateHash, input.ElapsedMs), CancellationToken.None).ConfigureAwait(false);
        return true;
    }
}
