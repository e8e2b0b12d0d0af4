using Microsoft.DurableTask;

namespace Swarm.Orchestrations.Runs;

/// <summary>
/// Runs one simulation in chunks of <see cref="SimulationRunRequest.ChunkSteps"/> steps, each a
/// <see cref="RunSimulationChunk"/> activity, reporting progress in the custom status and continuing
/// as new every <see cref="SimulationRunRequest.ChunksPerEpisode"/> chunks so history stays bounded.
/// </summary>
/// <remarks>
/// Only references (run id, step, checkpoint name) and a few reporters pass through history; the
/// model state lives in checkpoint blobs. Replay-safe: no clock, no randomness, no I/O here.
/// </remarks>
public sealed class SimulationRun(WorkflowOptions options) : TaskOrchestrator<SimulationRunRequest, SimulationRunResult>
{
    /// <inheritdoc />
    public override async Task<SimulationRunResult> RunAsync(TaskOrchestrationContext context, SimulationRunRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var step = input.StartStep;
        var elapsedMs = input.ElapsedMs;
        ChunkSummary? last = null;
        for (var chunk = 0; step < input.Steps || last is null; chunk++)
        {
            if (chunk == input.ChunksPerEpisode)
            {
                context.ContinueAsNew(input with { StartStep = step, ElapsedMs = elapsedMs });
                return null!;
            }

            var to = Math.Min(input.Steps, step + input.ChunkSteps);
            last = await context.CallActivityAsync<ChunkSummary>(
                nameof(RunSimulationChunk),
                new ChunkRequest(input.RunId, input.Model, input.Parameters, input.Seed, input.RunKey, step, to),
                options.ActivityRetry);
            step = last.Step;
            elapsedMs += last.ElapsedMs;
            context.SetCustomStatus(new SimulationProgress(step, input.Steps, elapsedMs > 0 ? (step * 1000.0) / elapsedMs : 0, last.Reporters));
        }

        return new SimulationRunResult(input.RunId, input.Model, step, last.Reporters, last.Checkpoint, elapsedMs, last.StateHash);
    }
}
