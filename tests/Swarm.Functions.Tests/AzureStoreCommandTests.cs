using Swarm.Testing;

namespace Swarm.Functions.Tests;

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

        var azure = CliHarness.Run("sweep", In("fire.json"), "--store", "azure", "--connection", azurite.ConnectionString, "--task-hub", hub, "--out", In("azure"));
        var embedded = CliHarness.Run("sweep", In("fire.json"), "--data", In("data"), "--out", In("embedded"));
        var status = CliHarness.Run("status", "fire-" + azure.Output.Split("fire-")[1][..12], "--store", "azure", "--connection", azurite.ConnectionString, "--task-hub", hub);

        Assert.True(azure.ExitCode == 0, azure.Output);
        Assert.Equal(0, embedded.ExitCode);
        Assert.Equal(File.ReadAllText(In("embedded/summary.csv")), File.ReadAllText(In("azure/summary.csv")));
        Assert.Contains("Completed", status.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Sweep_AzureWithoutConnection_IsAnInputErrorThatSaysHowToGiveOne()
    {
        File.WriteAllText(In("fire.json"), Sweep);
        Environment.SetEnvironmentVariable("SWARM_STORAGE_CONNECTION", null);

        var (exitCode, output) = CliHarness.Run("sweep", In("fire.json"), "--store", "azure");

        Assert.Equal(2, exitCode);
        Assert.Contains("SWARM_STORAGE_CONNECTION", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AccountName=x;AccountKey=not base64!")]
    [InlineData("garbage")]
    public void Sweep_MalformedConnection_IsAnInputError(string connection)
    {
        File.WriteAllText(In("fire.json"), Sweep);

        var (exitCode, output) = CliHarness.Run("sweep", In("fire.json"), "--store", "azure", "--connection", connection);

        Assert.Equal(2, exitCode);
        Assert.Contains("bad --connection", output, StringComparison.Ordinal);
    }
}
