using System.Diagnostics;
using System.Globalization;
using Microsoft.DurableTask;
using Swarm.Orchestrations.State;
using Swarm.Simulation;
using Swarm.Simulation.Catalog;

namespace Swarm.Orchestrations.Runs;

/// <summary>
/// Runs one chunk of a simulation: load the checkpoint (or create the model), step, write the
/// collected rows and the new checkpoint, and return a small summary.
/// </summary>
/// <remarks>
/// Idempotent: the engine is deterministic, so a chunk re-run after a crash writes the same
/// checkpoint under the same name and the same rows under the same keys — at-least-once delivery,
/// exactly-once effect. A chunk deletes the checkpoint two chunks back, never its own input, so a
/// retried chunk always finds what it needs. The chunk's agent steps and speed go to <see cref="WorkflowTelemetry"/>
/// (<see cref="WorkflowTelemetry.Default"/> unless one is registered).
/// </remarks>
public sealed class RunSimulationChunk(ModelCatalog catalog, StateStore store, WorkflowTelemetry? telemetry = null) : TaskActivity<ChunkRequest, ChunkSummary>
{
    private readonly WorkflowTelemetry _telemetry = telemetry ?? WorkflowTelemetry.Default;

    /// <inheritdoc />
    public override async Task<ChunkSummary> RunAsync(TaskActivityContext context, ChunkRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var cancellationToken = CancellationToken.None;
        Model model;
        if (input.FromStep == 0)
        {
            model = catalog.Create(input.Model, input.Parameters, input.Seed, input.RunKey);
        }
        else
        {
            var checkpoint = await store.Blobs.GetAsync(StateLayout.Checkpoints, CheckpointName(input.RunId, input.FromStep), cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Run '{input.RunId}' has no checkpoint at step {input.FromStep}.");
            model = catalog.Restore(checkpoint);
        }

        var observed = _telemetry.IsObserved;
        var agentsBefore = model.AgentCount;
        var stepsBefore = model.StepCount;
        var started = Stopwatch.GetTimestamp();
        model.RunUntil(input.ToStep);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var elapsedMs = elapsed.TotalMilliseconds;
        var agentSteps = observed ? AgentSteps.Between(agentsBefore, model.AgentCount, model.StepCount - stepsBefore) : 0;

        var rows = await RunData.WriteAsync(store.Records, input.RunId, model, input.FromStep, cancellationToken).ConfigureAwait(false);

        // Rows are stored; dropping them keeps every checkpoint the size of the model, not of its history.
        model.Data.Clear();
        var name = CheckpointName(input.RunId, input.ToStep);
        await store.Blobs.PutAsync(StateLayout.Checkpoints, name, model.SaveCheckpoint(), cancellationToken).ConfigureAwait(false);
        if (input.FromStep > 0)
        {
            await DeleteOlderCheckpointAsync(input, cancellationToken).ConfigureAwait(false);
        }

        // Reported once the chunk's effects are stored: a chunk that fails before that is run again, and would count twice.
        if (observed)
        {
            _telemetry.Simulated(input.Model, agentSteps, elapsed);
        }

        return new ChunkSummary(model.StepCount, elapsedMs, rows, Reporters(model), name, model.StateHash());
    }

    /// <summary>The checkpoint blob of run <paramref name="runId"/> at <paramref name="step"/>.</summary>
    public static string CheckpointName(string runId, long step) =>
        string.Create(CultureInfo.InvariantCulture, $"{runId}/step-{step:D12}.swarm");

    /// <summary>The model's reporters by name.</summary>
    public static Dictionary<string, double> Reporters(Model model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.ReporterNames.ToDictionary(n => n, model.Report, StringComparer.Ordinal);
    }

    private async Task DeleteOlderCheckpointAsync(ChunkRequest input, CancellationToken cancellationToken)
    {
        await foreach (var blob in store.Blobs.ListAsync(StateLayout.Checkpoints, input.RunId + "/step-", cancellationToken).ConfigureAwait(false))
        {
            if (string.CompareOrdinal(blob, CheckpointName(input.RunId, input.FromStep)) < 0)
            {
                await store.Blobs.DeleteAsync(StateLayout.Checkpoints, blob, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
