using System.Diagnostics;
using Swarm.Durable;
using Swarm.Orchestrations.State;
using Swarm.Simulation.Catalog;

namespace Swarm.Orchestrations.Sweeps;

/// <summary>
/// Runs one short sweep run start to finish in one activity and records its result row; a run whose
/// row already exists is not run again, which is what makes a re-submitted sweep resume.
/// </summary>
public sealed class RunSweepPoint(ModelCatalog catalog, StateStore store) : TaskActivity<SweepRunRequest, bool>
{
    /// <summary>Runs the simulation unless its result is already stored; returns true when it was (a resumed run).</summary>
    public override async Task<bool> RunAsync(TaskActivityContext context, SweepRunRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var existing = await store.Records.GetAsync(StateLayout.SweepResults, input.SweepId, SweepRunRecord.RowKey(input.Run), context.CancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            return true;
        }

        var started = Stopwatch.GetTimestamp();
        var model = catalog.Create(input.Model, input.Parameters, input.Seed, (ulong)input.Replicate);
        model.RunUntil(input.Steps);
        var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var values = input.Metrics.ToDictionary(m => m, model.Report, StringComparer.Ordinal);

        // Hash the state as a chunked run's checkpoint holds it (collected rows dropped, cursor kept),
        // so a run's hash is the same whichever way the sweep ran it.
        model.Data.Clear();
        await store.Records.UpsertAsync(SweepRunRecord.Create(input, values, model.StateHash(), elapsedMs), context.CancellationToken).ConfigureAwait(false);
        return false;
    }
}
