using Azure.Data.Tables;
using Swarm.Simulation.Catalog;
using Swarm.Testing;

namespace Swarm.Cli.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class AzureStoreCommandTests(AzuriteFixture azurite) : IDisposable
{
    private const string Sweep = """
        {
          "model": "forestfire",
          "parameters": { "width": 30, "height": 30 },
          "design": { "type": "grid", "factors": { "density": [0.4, 0.7] } },
          "replicates": 3,
          "seed": 2,
          "steps": 15
        }
        """;

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("swarm-azure-cli-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string In(string name) => Path.Combine(_folder.FullName, name);

    [Fact]
    public void Sweep_OnAzurite_GivesTheSameSummaryAsTheEmbeddedBackend()
    {
        File.WriteAllText(In("fire.json"), Sweep);
        var hub = "Hub" + Guid.NewGuid().ToString("N")[..8];

        var azure = CommandLine.Run(SwarmCommand.InvokeAsync, "sweep", In("fire.json"), "--store", "azure", "--connection", azurite.ConnectionString, "--task-hub", hub, "--out", In("azure"));
        var embedded = CommandLine.Run(SwarmCommand.InvokeAsync, "sweep", In("fire.json"), "--data", In("data"), "--out", In("embedded"));
        var status = CommandLine.Run(SwarmCommand.InvokeAsync, "status", "fire-" + azure.Output.Split("fire-")[1][..12], "--store", "azure", "--connection", azurite.ConnectionString, "--task-hub", hub);

        Assert.True(azure.ExitCode == 0, azure.Output);
        Assert.Equal(0, embedded.ExitCode);
        Assert.Equal(File.ReadAllText(In("embedded/summary.csv")), File.ReadAllText(In("azure/summary.csv")));
        Assert.Contains("Completed", status.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sweep_ClientOnlyIntoAHubAnotherProcessRuns_FinishesWithTheSameSummary()
    {
        File.WriteAllText(In("fire.json"), Sweep);
        var hub = "Hub" + Guid.NewGuid().ToString("N")[..8];
        // The deployed app's stand-in: the workflows running on that task hub, outside the command.
        await using var app = await LocalSwarm.StartAzureAsync(azurite.ConnectionString, hub, ModelCatalog.Default);

        var submitted = CommandLine.Run(SwarmCommand.InvokeAsync, "sweep", In("fire.json"), "--store", "azure", "--connection", azurite.ConnectionString, "--task-hub", hub, "--client-only", "--out", In("client"));
        var embedded = CommandLine.Run(SwarmCommand.InvokeAsync, "sweep", In("fire.json"), "--data", In("data"), "--out", In("embedded"));

        Assert.True(submitted.ExitCode == 0, submitted.Output);
        Assert.Equal(File.ReadAllText(In("embedded/summary.csv")), File.ReadAllText(In("client/summary.csv")));
    }

    [Fact]
    public async Task Status_TaskHubTablesOfAnotherFormat_IsAnInputErrorNamingThem()
    {
        var hub = "Old" + Guid.NewGuid().ToString("N")[..8];
        await new TableServiceClient(azurite.ConnectionString).CreateTableIfNotExistsAsync(hub + "Instances");

        var (exitCode, output) = CommandLine.Run(SwarmCommand.InvokeAsync, "status", "anything", "--store", "azure", "--connection", azurite.ConnectionString, "--task-hub", hub);

        Assert.Equal(2, exitCode);
        Assert.Contains(hub + "Instances", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Sweep_ClientOnlyOnTheEmbeddedStore_IsAnInputError()
    {
        File.WriteAllText(In("fire.json"), Sweep);

        var (exitCode, output) = CommandLine.Run(SwarmCommand.InvokeAsync, "sweep", In("fire.json"), "--data", In("data"), "--client-only");

        Assert.Equal(2, exitCode);
        Assert.Contains("--client-only needs --store azure", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Sweep_AzureWithoutConnection_IsAnInputErrorThatSaysHowToGiveOne()
    {
        File.WriteAllText(In("fire.json"), Sweep);
        Environment.SetEnvironmentVariable("SWARM_STORAGE_CONNECTION", null);

        var (exitCode, output) = CommandLine.Run(SwarmCommand.InvokeAsync, "sweep", In("fire.json"), "--store", "azure");

        Assert.Equal(2, exitCode);
        Assert.Contains("SWARM_STORAGE_CONNECTION", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AccountName=x;AccountKey=not base64!")]
    [InlineData("garbage")]
    public void Sweep_MalformedConnection_IsAnInputError(string connection)
    {
        File.WriteAllText(In("fire.json"), Sweep);

        var (exitCode, output) = CommandLine.Run(SwarmCommand.InvokeAsync, "sweep", In("fire.json"), "--store", "azure", "--connection", connection);

        Assert.Equal(2, exitCode);
        Assert.Contains("bad --connection", output, StringComparison.Ordinal);
    }
}
