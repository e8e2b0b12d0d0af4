using System.Globalization;
using Microsoft.DurableTask;
using Swarm.Orchestrations.Runs;
using Swarm.Simulation.Catalog;

namespace Swarm.Orchestrations.Sweeps;

/// <summary>
/// Runs a contiguous range of a sweep's runs in parallel: short runs in groups of
/// <see cref="SweepBatchRequest.RunsPerActivity"/> per <see cref="RunSweepRuns"/> activity, each long
/// one as a chunked <see cref="SimulationRun"/> then <see cref="RecordSweepRun"/>. A long run is re-run
/// on resubmission (deterministically, to the same result) rather than skipped.
/// </summary>
/// <remarks>
/// Results go to the state store, not back through history; the batch returns only counts. Batching
/// keeps the parent's history and fan-in small whatever the sweep's size.
/// </remarks>
public sealed class SweepBatch(ModelCatalog catalog, WorkflowOptions options) : TaskOrchestrator<SweepBatchRequest, SweepBatchResult>
{
    /// <inheritdoc />
    public override async Task<SweepBatchResult> RunAsync(TaskOrchestrationContext context, SweepBatchRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var spec = input.Spec;
        if (spec.Steps > input.ChunkSteps)
        {
            var runs = SweepSpecs.Runs(catalog, input.SweepId, spec, input.FirstRun, input.RunCount);
            await Task.WhenAll(runs.Select(run => RunLongAsync(context, run, input.ChunkSteps)));
            return new SweepBatchResult(runs.Count, 0);
        }

        var groupSize = Math.Max(1, input.RunsPerActivity);
        var groups = new List<Task<int>>();
        for (var first = input.FirstRun; first < input.FirstRun + input.RunCount; first += groupSize)
        {
            var count = (int)Math.Min(groupSize, input.FirstRun + input.RunCount - first);
            groups.Add(context.CallActivityAsync<int>(nameof(RunSweepRuns), new SweepRunsRequest(input.SweepId, spec, first, count), options.ActivityRetry));
        }

        var resumed = await Task.WhenAll(groups);
        return new SweepBatchResult(input.RunCount, resumed.Sum());
    }

    private async Task RunLongAsync(TaskOrchestrationContext context, SweepRunRequest run, int chunkSteps)
    {
        var runId = string.Create(CultureInfo.InvariantCulture, $"{run.SweepId}-run{run.Run:D10}");
        var result = await context.CallSubOrchestratorAsync<SimulationRunResult>(
            nameof(SimulationRun),
            new SimulationRunRequest(runId, run.Model, run.Parameters, run.Seed, (ulong)run.Replicate, run.Steps, chunkSteps),
            new SubOrchestrationOptions(instanceId: runId));
        await context.CallActivityAsync<bool>(
            nameof(RecordSweepRun),
            new RecordSweepRunRequest(run, result.Reporters.Where(r => run.Metrics.Contains(r.Key)).ToDictionary(), result.StateHash, result.ElapsedMs),
            options.ActivityRetry);
    }
}
