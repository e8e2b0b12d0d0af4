using Microsoft.DurableTask.Client;
using Swarm.Orchestrations.Runs;
using Swarm.Orchestrations.State;
using Swarm.Simulation.Catalog;

namespace Swarm.Orchestrations.Tests.Workflows;

public sealed class SimulationRunTests
{
    private static readonly Dictionary<string, object?> Small = new() { ["width"] = 20L, ["height"] = 20L, ["agents"] = 250L };

    [Fact]
    public async Task SimulationRun_ChunkedAcrossContinueAsNew_EndsExactlyWhereAnUninterruptedRunEnds()
    {
        await using var host = await WorkflowHost.StartAsync();

        // 30 steps in chunks of 4 with 2 chunks per episode: 8 chunks, 3 ContinueAsNews.
        var metadata = await host.RunAsync(nameof(SimulationRun), new SimulationRunRequest("run-a", "schelling", Small, 5, 1, 30, ChunkSteps: 4, ChunksPerEpisode: 2), "run-a");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, metadata.RuntimeStatus);
        var result = metadata.ReadOutputAs<SimulationRunResult>()!;
        var direct = ModelCatalog.Default.Create("schelling", Small, 5, 1);
        direct.RunUntil(30);
        Assert.Equal(30, result.Steps);
        Assert.Equal(direct.Report("happyFraction"), result.Reporters["happyFraction"]);

        // The rows stored chunk by chunk are the rows of the uninterrupted run.
        var stored = new List<StateRecord>();
        await foreach (var row in host.Store.Records.QueryAsync(StateLayout.RunData, "run-a"))
        {
            stored.Add(row);
        }

        Assert.Equal(direct.Data.ModelRowCount, stored.Count);
        for (var r = 0; r < stored.Count; r++)
        {
            var expected = direct.Data.GetModelRow(r);
            Assert.Equal(expected.Step, stored[r].GetInt64("step"));
            Assert.Equal(expected.Values[1], stored[r].GetDouble("happyFraction"));
        }

        // The final checkpoint is the uninterrupted run's state (its data rows aside, which live in the table).
        direct.Data.Clear();
        var checkpoint = await host.Store.Blobs.GetAsync(StateLayout.Checkpoints, result.Checkpoint);
        Assert.Equal(direct.StateHash(), ModelCatalog.Default.Restore(checkpoint!).StateHash());
        Assert.Equal(direct.StateHash(), result.StateHash);
    }

    [Fact]
    public async Task SimulationRun_OldCheckpoints_AreDeletedAsTheRunAdvances()
    {
        await using var host = await WorkflowHost.StartAsync();

        await host.RunAsync(nameof(SimulationRun), new SimulationRunRequest("run-b", "schelling", Small, 1, 0, 20, ChunkSteps: 2), "run-b");

        var left = new List<string>();
        await foreach (var blob in host.Store.Blobs.ListAsync(StateLayout.Checkpoints, "run-b/"))
        {
            left.Add(blob);
        }

        Assert.InRange(left.Count, 1, 2);
        Assert.Contains(RunSimulationChunk.CheckpointName("run-b", 20), left);
    }

    [Fact]
    public async Task SimulationRun_InvalidParameters_FailsWithTheParameterErrorWithoutRetrying()
    {
        await using var host = await WorkflowHost.StartAsync();

        var metadata = await host.RunAsync(
            nameof(SimulationRun),
            new SimulationRunRequest("run-c", "schelling", new Dictionary<string, object?> { ["width"] = -1L }, 1, 0, 10),
            "run-c");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, metadata.RuntimeStatus);
        Assert.Contains("width", metadata.FailureDetails!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SimulationRun_Progress_IsReportedInTheCustomStatus()
    {
        await using var host = await WorkflowHost.StartAsync();

        var metadata = await host.RunAsync(nameof(SimulationRun), new SimulationRunRequest("run-d", "schelling", Small, 1, 0, 6, ChunkSteps: 3), "run-d");

        var progress = metadata.ReadCustomStatusAs<SimulationProgress>()!;
        Assert.Equal(6, progress.Step);
        Assert.Equal(6, progress.Steps);
        Assert.Contains("happyFraction", progress.Reporters.Keys);
    }
}
