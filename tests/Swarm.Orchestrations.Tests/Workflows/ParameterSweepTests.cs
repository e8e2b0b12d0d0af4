using System.Text;
using Microsoft.DurableTask.Client;
using Swarm.Orchestrations.Provisioning;
using Swarm.Orchestrations.Sagas;
using Swarm.Orchestrations.State;
using Swarm.Orchestrations.Statistics;
using Swarm.Orchestrations.Sweeps;

namespace Swarm.Orchestrations.Tests.Workflows;

public sealed class ParameterSweepTests
{
    [Fact]
    public async Task ProvisionSweep_SmallGrid_SummarisesEveryPointExactlyAsDirectRunsWould()
    {
        await using var host = await WorkflowHost.StartAsync();

        var metadata = await host.RunAsync(nameof(ProvisionSweep), new SweepRequest("sweep-a", SweepTestData.SmallGrid, BatchSize: 5, MaxBatchesInFlight: 2, RunsPerActivity: 2), "sweep-a");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, metadata.RuntimeStatus);
        var outcome = metadata.ReadOutputAs<ProvisionOutcome>()!;
        Assert.Equal(SagaStatus.Completed, outcome.Saga.Status);
        Assert.Equal(12, outcome.Sweep!.Runs);
        Assert.Equal(Expected(), await Blob(host, outcome.Sweep.Container, AggregateSweep.SummaryCsv));
        Assert.StartsWith("<svg", await Blob(host, outcome.Sweep.Container, AggregateSweep.Chart), StringComparison.Ordinal);
        Assert.Equal(SweepStatus.Completed, (await SweepRecord.ReadAsync(host.Store.Records, "sweep-a"))!.Status);
        Assert.Empty(await new ComputeQuota(host.Store, new ComputeQuotaOptions()).ReservationsAsync());
    }

    [Fact]
    public async Task ParameterSweep_ResubmittedWithSomeRunsDone_RunsOnlyTheRestAndGivesTheSameSummary()
    {
        await using var host = await WorkflowHost.StartAsync();
        var request = new SweepRequest("sweep-b", SweepTestData.SmallGrid, BatchSize: 4, RunsPerActivity: 1);
        var first = (await host.RunAsync(nameof(ParameterSweep), request, "sweep-b")).ReadOutputAs<SweepOutcome>()!;
        var summary = await Blob(host, first.Container, AggregateSweep.SummaryCsv);

        // Lose five runs' results, as if the process had died before they were written.
        foreach (var run in new[] { 0, 3, 4, 9, 11 })
        {
            await host.Store.Records.DeleteAsync(StateLayout.SweepResults, "sweep-b", SweepRunRecord.RowKey(run));
        }

        var again = (await host.RunAsync(nameof(ParameterSweep), request, "sweep-b")).ReadOutputAs<SweepOutcome>()!;

        Assert.Equal(7, again.ResumedRuns);
        Assert.Equal(summary, await Blob(host, again.Container, AggregateSweep.SummaryCsv));
    }

    [Fact]
    public async Task ParameterSweep_SameSpecTwice_StoresIdenticalRunStates()
    {
        await using var host = await WorkflowHost.StartAsync();

        await host.RunAsync(nameof(ParameterSweep), new SweepRequest("sweep-c", SweepTestData.SmallGrid), "sweep-c");
        await host.RunAsync(nameof(ParameterSweep), new SweepRequest("sweep-d", SweepTestData.SmallGrid), "sweep-d");

        Assert.Equal(await Hashes(host, "sweep-c"), await Hashes(host, "sweep-d"));
    }

    [Fact]
    public async Task ParameterSweep_LongRuns_GoThroughChunkedSimulationRunsWithTheSameResults()
    {
        await using var host = await WorkflowHost.StartAsync();

        var shortRuns = (await host.RunAsync(nameof(ParameterSweep), new SweepRequest("sweep-e", SweepTestData.SmallGrid), "sweep-e")).ReadOutputAs<SweepOutcome>()!;
        var longRuns = (await host.RunAsync(nameof(ParameterSweep), new SweepRequest("sweep-f", SweepTestData.SmallGrid, ChunkSteps: 3), "sweep-f")).ReadOutputAs<SweepOutcome>()!;

        Assert.Equal(await Blob(host, shortRuns.Container, AggregateSweep.SummaryCsv), await Blob(host, longRuns.Container, AggregateSweep.SummaryCsv));
        Assert.Equal(await Hashes(host, "sweep-e"), await Hashes(host, "sweep-f"));
    }

    private static string Expected() => SummaryFiles.ToCsv(SweepTestData.SummariseDirectly(SweepTestData.SmallGridJson));

    private static async Task<string> Blob(WorkflowHost host, string container, string name) =>
        Encoding.UTF8.GetString((await host.Store.Blobs.GetAsync(container, name))!);

    private static async Task<List<string>> Hashes(WorkflowHost host, string sweepId)
    {
        var hashes = new List<string>();
        await foreach (var row in host.Store.Records.QueryAsync(StateLayout.SweepResults, sweepId))
        {
            hashes.Add(row.RowKey + ":" + row.GetString("stateHash"));
        }

        Assert.Equal(12, hashes.Count);
        return hashes;
    }
}
