using Swarm.Functions.Intake;
using Swarm.Orchestrations.State;
using Swarm.Simulation.Catalog;
using Swarm.Testing;

namespace Swarm.Cli.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class SubmitCommandTests(AzuriteFixture azurite) : IDisposable
{
    private const string Simulation = """{ "model": "boltzmann", "preset": "small", "steps": 2 }""";

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("swarm-submit-");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    private string In(string name) => Path.Combine(_folder.FullName, name);

    private string Write(string name, string content)
    {
        File.WriteAllText(In(name), content);
        return In(name);
    }

    [Fact]
    public async Task Submit_InvalidJob_ListsEveryErrorExits2AndQueuesNothing()
    {
        var job = Write("bad.json", """{ "kind": "simulation", "model": "nope", "steps": -5, "extra": 1 }""");

        var (exitCode, output) = CommandLine.Run(SwarmCommand.InvokeAsync, "submit", job, "--queue", "--data", In("data"));

        Assert.Equal(2, exitCode);
        Assert.Contains("$.model", output, StringComparison.Ordinal);
        Assert.Contains("$.steps", output, StringComparison.Ordinal);
        Assert.Contains("$.extra", output, StringComparison.Ordinal);
        using var queue = EmbeddedJobQueue.InDataFolder(In("data"));
        await queue.CreateIfNotExistsAsync();
        Assert.Equal(0, await queue.CountAsync());
    }

    [Fact]
    public void Submit_NoKindAnywhere_SaysToPassKind()
    {
        var (exitCode, output) = CommandLine.Run(SwarmCommand.InvokeAsync, "submit", Write("run.json", Simulation), "--queue", "--data", In("data"));

        Assert.Equal(2, exitCode);
        Assert.Contains("$.kind", output, StringComparison.Ordinal);
        Assert.Contains("--kind", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Submit_KindDisagreesWithTheDocument_IsAnInputError()
    {
        var (exitCode, output) = CommandLine.Run(SwarmCommand.InvokeAsync, "submit", Write("run.json", Simulation.Replace("{", "{ \"kind\": \"simulation\",", StringComparison.Ordinal)), "--kind", "sweep", "--queue", "--data", In("data"));

        Assert.Equal(2, exitCode);
        Assert.Contains("--kind says \"sweep\"", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--data", "x" }, "exactly one of --queue")]
    [InlineData(new[] { "--queue", "--servicebus", "ns.servicebus.windows.net" }, "exactly one of --queue")]
    [InlineData(new[] { "--servicebus", "https://ns.servicebus.windows.net" }, "not a namespace host name")]
    [InlineData(new[] { "--queue", "--id", "a/b" }, "bad --id")]
    [InlineData(new[] { "--queue", "--store", "azure", "--connection", "garbage" }, "bad --connection")]
    public void Submit_BadOptions_AreInputErrors(string[] options, string expected)
    {
        var job = Write("run.json", Simulation);

        var (exitCode, output) = CommandLine.Run(SwarmCommand.InvokeAsync, ["submit", job, "--kind", "simulation", .. options]);

        Assert.Equal(2, exitCode);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    [Fact]
    public void Submit_MissingFile_IsAnInputError()
    {
        var (exitCode, output) = CommandLine.Run(SwarmCommand.InvokeAsync, "submit", In("missing.json"), "--queue", "--data", In("data"));

        Assert.Equal(2, exitCode);
        Assert.Contains("cannot read", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_ToEmbeddedQueue_RoundTripsThroughThePumpAndStartsTheJobOnce()
    {
        var job = Write("wealth.json", Simulation);
        var first = CommandLine.Run(SwarmCommand.InvokeAsync, "submit", job, "--kind", "simulation", "--queue", "--data", In("data"));
        var again = CommandLine.Run(SwarmCommand.InvokeAsync, "submit", job, "--kind", "simulation", "--queue", "--data", In("data"));
        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Equal(0, again.ExitCode);
        var id = first.Output.Split("queued ")[1].Split(' ')[0];

        var outcomes = await PumpAllAsync(EmbeddedJobQueue.InDataFolder(In("data")));

        Assert.StartsWith("wealth-", id, StringComparison.Ordinal);
        Assert.Equal([IntakeOutcomeKind.Started, IntakeOutcomeKind.Duplicate], outcomes.Select(o => o.Kind));
        Assert.All(outcomes, o => Assert.Equal(id, o.InstanceId));
    }

    [Fact]
    public async Task Submit_ToStorageQueueWithId_RoundTripsThroughThePump()
    {
        var queueName = "submit-" + Guid.NewGuid().ToString("N")[..10];
        var job = Write("run.json", Simulation);

        var (exitCode, output) = CommandLine.Run(SwarmCommand.InvokeAsync, "submit", job, "--kind", "simulation", "--id", "my-run.1", "--queue", "--store", "azure", "--connection", azurite.ConnectionString, "--queue-name", queueName);
        Assert.True(exitCode == 0, output);
        var outcomes = await PumpAllAsync(StorageJobQueue.Connect(AzureConnection.FromConnectionString(azurite.ConnectionString), queueName));

        Assert.Equal(new IntakeOutcome(IntakeOutcomeKind.Started, "my-run.1"), Assert.Single(outcomes));
    }

    private async Task<List<IntakeOutcome>> PumpAllAsync(IJobQueue queue)
    {
        await using var swarm = await LocalSwarm.StartAsync(In("data"), ModelCatalog.Default);
        using var telemetry = new Swarm.Functions.Telemetry.SwarmTelemetry();
        var options = new IntakeOptions();
        var function = new SimulationJobsFunction(new Swarm.Orchestrations.Jobs.JobReader(ModelCatalog.Default), new Swarm.Orchestrations.Jobs.JobScheduler(swarm.Client), new JobRejections(swarm.Store), telemetry, options);
        var pump = new QueuePump(queue, function, options);
        var outcomes = new List<IntakeOutcome>();
        pump.Handled += (_, outcome) => outcomes.Add(outcome!);
        while (await pump.PumpOnceAsync())
        {
        }

        foreach (var outcome in outcomes.Where(o => o.Kind == IntakeOutcomeKind.Started))
        {
            Assert.NotNull(await swarm.Client.GetInstanceAsync(outcome.InstanceId!));
        }

        (queue as IDisposable)?.Dispose();
        return outcomes;
    }
}
