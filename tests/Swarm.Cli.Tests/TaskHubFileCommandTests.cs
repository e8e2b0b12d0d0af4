using Swarm.Testing;

namespace Swarm.Cli.Tests;

/// <summary>
/// What a command does with a data folder whose task hub file is not what it should be: a one-line error naming the
/// file and exit code 2, never a fresh history beside the results of the old one.
/// </summary>
public sealed class TaskHubFileCommandTests : IDisposable
{
    private const string SmallSweep = """
        {
          "model": "schelling",
          "preset": "small",
          "design": { "type": "grid", "factors": { "minToBeHappy": [3, 4] } },
          "replicates": 2,
          "seed": 1,
          "steps": 5,
          "metrics": ["happyFraction"]
        }
        """;

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("swarm-taskhub-file-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string In(string name) => Path.Combine(_folder.FullName, name);

    [Fact]
    public void Results_TaskHubDeletedBesideExistingState_SaysSoAndStillReadsTheStoredResults()
    {
        File.WriteAllText(In("small.json"), SmallSweep);
        Assert.Equal(0, CommandLine.Run(SwarmCommand.InvokeAsync, "sweep", In("small.json"), "--data", In("data"), "--out", In("out"), "--id", "kept").ExitCode);
        File.Delete(In("data/durable.db"));
        File.Delete(In("data/durable.db-wal"));
        File.Delete(In("data/durable.db-shm"));

        var (exitCode, output) = CommandLine.Run(SwarmCommand.InvokeAsync, "results", "kept", "--data", In("data"), "--format", "csv");

        Assert.Equal(0, exitCode);
        Assert.Contains("warning", output, StringComparison.Ordinal);
        Assert.Contains("durable.db", output, StringComparison.Ordinal);
        Assert.Contains("missing", output, StringComparison.Ordinal);
        Assert.Contains("minToBeHappy", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Sweep_CorruptTaskHub_IsAOneLineErrorNamingTheFile()
    {
        Directory.CreateDirectory(In("data"));
        File.WriteAllText(In("data/durable.db"), "this is not a database, it only has the name of one");
        File.WriteAllText(In("small.json"), SmallSweep);

        var (exitCode, output) = CommandLine.Run(SwarmCommand.InvokeAsync, "sweep", In("small.json"), "--data", In("data"));

        Assert.Equal(2, exitCode);
        Assert.Contains(In("data/durable.db"), output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Sweep_NewDataFolder_CreatesItsTaskHub()
    {
        File.WriteAllText(In("small.json"), SmallSweep);

        Assert.Equal(0, CommandLine.Run(SwarmCommand.InvokeAsync, "sweep", In("small.json"), "--data", In("fresh"), "--out", In("out")).ExitCode);
        Assert.True(File.Exists(In("fresh/durable.db")));
    }
}
