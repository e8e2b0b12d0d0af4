using Microsoft.DurableTask.Client;
using Swarm.Orchestrations.Jobs;
using Swarm.Orchestrations.Runs;
using Swarm.Simulation.Catalog;

namespace Swarm.Orchestrations.Tests.Workflows;

public sealed class JobTests
{
    private readonly JobReader _reader = new(ModelCatalog.Default);

    [Fact]
    public void Read_SimulationWithPreset_NormalisesEveryParameter()
    {
        var job = _reader.Read("""{"kind":"simulation","model":"schelling","preset":"small","parameters":{"radius":2},"seed":4,"steps":10}""", out var errors);

        Assert.Empty(errors);
        Assert.Equal(JobKind.Simulation, job!.Kind);
        Assert.Equal(2L, job.Simulation!.Parameters["radius"]);
        Assert.Equal(1000L, job.Simulation.Parameters["agents"]);
        Assert.Equal(4UL, job.Simulation.Seed);
    }

    [Fact]
    public void Read_SweepEnvelope_AcceptsTheKindProperty()
    {
        var job = _reader.Read("""{"kind":"sweep","model":"schelling","steps":3,"design":{"type":"list","points":[{"radius":1}]}}""", out var errors);

        Assert.Empty(errors);
        Assert.Equal(JobKind.Sweep, job!.Kind);
        Assert.Equal(1, job.Sweep!.Design.PointCount);
    }

    [Theory]
    [InlineData("""{"model":"schelling","steps":3}""", "$.kind")]
    [InlineData("""{"kind":"party","model":"schelling","steps":3}""", "$.kind")]
    [InlineData("""{"kind":"simulation","steps":3}""", "$.model")]
    [InlineData("""{"kind":"simulation","model":"schelling"}""", "$.steps")]
    [InlineData("""{"kind":"simulation","model":"schelling","steps":3,"parameters":{"width":"wide"}}""", "$.parameters.width")]
    [InlineData("""{"kind":"simulation","model":"schelling","steps":3,"parameters":{"colour":1}}""", "$.parameters.colour")]
    [InlineData("""{"kind":"simulation","model":"schelling","steps":3,"seed":-2}""", "$.seed")]
    [InlineData("""{"kind":"simulation","model":"schelling","steps":3,"chunkSteps":0}""", "$.chunkSteps")]
    [InlineData("""{"kind":"simulation","model":"schelling","steps":3,"extra":true}""", "$.extra")]
    [InlineData("""{"kind":"sweep","model":"schelling","steps":3}""", "$.design")]
    [InlineData("""not json""", "$")]
    [InlineData("""[]""", "$")]
    public void Read_BadJob_ReportsTheProblemAtItsJsonPath(string json, string path)
    {
        var job = _reader.Read(json, out var errors);

        Assert.Null(job);
        Assert.Contains(errors, e => e.Path == path);
    }

    [Fact]
    public async Task StartAsync_SameInstanceIdTwice_StartsTheOrchestrationOnce()
    {
        await using var host = await WorkflowHost.StartAsync();
        var job = _reader.Read("""{"model":"schelling","parameters":{"width":10,"height":10,"agents":40},"steps":5}""", JobKind.Simulation, out _)!;
        var scheduler = new JobScheduler(host.Client);

        var first = await scheduler.StartAsync(job, "job-1");
        var second = await scheduler.StartAsync(job, "job-1");
        var done = await host.Client.WaitForInstanceCompletionAsync("job-1", getInputsAndOutputs: true);

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(5, done.ReadOutputAs<SimulationRunResult>()!.Steps);
    }

    [Theory]
    [InlineData("ok-id_1.2", true)]
    [InlineData("", false)]
    [InlineData("has space", false)]
    [InlineData("slash/no", false)]
    public void IsValidInstanceId_Cases(string id, bool valid)
    {
        Assert.Equal(valid, JobScheduler.IsValidInstanceId(id));
    }
}
