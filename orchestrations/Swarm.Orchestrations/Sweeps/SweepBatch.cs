using System.Globalization;
using Swarm.Durable;
using Swarm.Orchestrations.Runs;
using Swarm.Simulation.Catalog;

namespace Swarm.Orchestrations.Sweeps;

/// <summary>
/// Runs a contiguous range of a sweep's runs in parallel: each short run as one <see cref="RunSweepPoint"/>
/// activity, each long one as a chunked <see cref="SimulationRun"/> then <see cref="RecordSweepRun"/>.
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
        var spec = SweepSpecs.Reread(catalog, input.SpecJson);
        var runs = SweepSpecs.Runs(catalog, input.SweepId, spec, input.FirstRun, input.RunCount);
        var tasks = runs.Select(run => spec.Steps <= input.ChunkSteps
            ? context.CallActivityAsync<bool>(nameof(RunSweepPoint), run, options.ActivityRetry)
            : RunLongAsync(context, run, input.ChunkSteps)).ToList();
        var resumed = await Task.WhenAll(tasks);
        return new SweepBatchResult(runs.Count, resumed.Count(r => r));
    }

    private async Task<bool> RunLongAsync(TaskOrchestrationContext context, SweepRunRequest run, int chunkSteps)
    {
        var runId = string.Create(CultureInfo.InvariantCulture, $"{run.SweepId}-run{run.Run:D10}");
        var result = await context.CallSubOrchestratorAsync<SimulationRunResult>(
            nameof(SimulationRun),
            new SimulationRunRequest(runId, run.Model, run.Parameters, run.Seed, (ulong)run.Replicate, run.Steps, chunkSteps),
            new SubOrchestrationOptions(runId));
        await context.CallActivityAsync<bool>(
            nameof(RecordSweepRun),
            new RecordSweepRunRequest(run, result.Reporters.Where(r => run.Metrics.Contains(r.Key)).ToDictionary(), result.StateHash, result.ElapsedMs),
            options.ActivityRetry);

        // A long run is re-run on resubmission (deterministically, to the same result) rather than skipped.
        return false;
    }
}
