using System.Diagnostics;
using Microsoft.DurableTask;
using Swarm.Orchestrations.State;
using Swarm.Simulation.Catalog;

namespace Swarm.Orchestrations.Sweeps;

/// <summary>
/// Runs a group of short sweep runs start to finish and records their result rows in one batch; runs
/// whose rows already exist are not run again, which is what makes a re-submitted sweep resume.
/// </summary>
/// <remarks>
/// Short runs are grouped because one activity per millisecond-long simulation would spend more on
/// dispatch and persistence than on simulating. The group is deterministic, so re-running it after a
/// crash writes the same rows. Each run's agent steps and speed, and each recorded run, go to
/// <see cref="WorkflowTelemetry"/> (<see cref="WorkflowTelemetry.Default"/> unless one is registered) once its rows are stored.
/// </remarks>
public sealed class RunSweepRuns(ModelCatalog catalog, StateStore store, WorkflowTelemetry? telemetry = null) : TaskActivity<SweepRunsRequest, int>
{
    private const int MaxBatch = 100;

    private readonly WorkflowTelemetry _telemetry = telemetry ?? WorkflowTelemetry.Default;

    /// <summary>Runs the group; returns how many of its runs were already recorded (resumed).</summary>
    public override async Task<int> RunAsync(TaskActivityContext context, SweepRunsRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var cancellationToken = CancellationToken.None;
        var runs = SweepSpecs.Runs(catalog, input.SweepId, input.Spec, input.FirstRun, input.RunCount);
        if (runs.Count == 0)
        {
            return 0;
        }

        // One range read for the whole group: on Azure Tables a point read per run would cost more than a short run.
        var recorded = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var existing in store.Records.QueryRangeAsync(
            StateLayout.SweepResults, input.SweepId, SweepRunRecord.RowKey(runs[0].Run), SweepRunRecord.RowKey(runs[^1].Run), cancellationToken).ConfigureAwait(false))
        {
            recorded.Add(existing.RowKey);
        }

        var records = new List<StateRecord>();
        var observed = _telemetry.IsObserved;
        var simulated = observed ? new List<(string Model, long AgentSteps, TimeSpan Elapsed)>() : null;
        var resumed = 0;
        foreach (var run in runs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (recorded.Contains(SweepRunRecord.RowKey(run.Run)))
            {
                resumed++;
                continue;
            }

            records.Add(RunOne(run, simulated));
        }

        foreach (var chunk in records.Chunk(MaxBatch))
        {
            await store.Records.UpsertBatchAsync(chunk, cancellationToken).ConfigureAwait(false);
        }

        // Reported only once the rows are stored: a group that fails before that is run again, and would count twice.
        if (simulated is not null)
        {
            foreach (var (model, agentSteps, elapsed) in simulated)
            {
                _telemetry.Simulated(model, agentSteps, elapsed);
                _telemetry.SweepRunCompleted(model);
            }
        }

        return resumed;
    }

    private StateRecord RunOne(SweepRunRequest run, List<(string Model, long AgentSteps, TimeSpan Elapsed)>? simulated)
    {
        var started = Stopwatch.GetTimestamp();
        var model = catalog.Create(run.Model, run.Parameters, run.Seed, (ulong)run.Replicate);
        var agentsBefore = model.AgentCount;
        model.RunUntil(run.Steps);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var elapsedMs = elapsed.TotalMilliseconds;
        simulated?.Add((run.Model, AgentSteps.Between(agentsBefore, model.AgentCount, model.StepCount), elapsed));
        var values = run.Metrics.ToDictionary(m => m, model.Report, StringComparer.Ordinal);

        // Hash the state as a chunked run's checkpoint holds it (collected rows dropped, cursor kept),
        // so a run's hash is the same whichever way the sweep ran it.
        model.Data.Clear();
        return SweepRunRecord.Create(run, values, model.StateHash(), elapsedMs);
    }
}
