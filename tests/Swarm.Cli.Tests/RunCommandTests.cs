using System.Text.Json;
using Swarm.Testing;

namespace Swarm.Cli.Tests;

public sealed class RunCommandTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("swarm-cli-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string Out(string name) => Path.Combine(_folder.FullName, name);

    [Fact]
    public void Run_SchellingSmallPreset_WritesEveryResultsFile()
    {
        var (exitCode, output) = CommandLine.Run(SwarmCommand.InvokeAsync, "run", "schelling", "--preset", "small", "--steps", "20", "--seed", "7", "--out", Out("run"));

        Assert.Equal(0, exitCode);
        Assert.Contains("happyFraction", output, StringComparison.Ordinal);
        var csv = File.ReadAllLines(Path.Combine(Out("run"), "data.csv"));
        Assert.StartsWith("step,", csv[0], StringComparison.Ordinal);
        Assert.Equal(21, csv.Length - 1); // step 0 and every step after it
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(Out("run"), "run.json")));
        Assert.Equal("schelling", manifest.RootElement.GetProperty("model").GetString());
        Assert.Equal(20, manifest.RootElement.GetProperty("toStep").GetInt64());
        Assert.Equal(1000, manifest.RootElement.GetProperty("parameters").GetProperty("agents").GetInt64());
        Assert.True(File.Exists(Path.Combine(Out("run"), "checkpoint.swarm")));
        Assert.True(File.Exists(Path.Combine(Out("run"), "data.json")));
    }

    [Fact]
    public void Resume_FromMidRunCheckpoint_EndsInTheSameStateAsAnUninterruptedRun()
    {
        Assert.Equal(0, CommandLine.Run(SwarmCommand.InvokeAsync, "run", "schelling", "--preset", "small", "--steps", "20", "--seed", "3", "--out", Out("whole")).ExitCode);
        Assert.Equal(0, CommandLine.Run(SwarmCommand.InvokeAsync, "run", "schelling", "--preset", "small", "--steps", "8", "--seed", "3", "--out", Out("split")).ExitCode);

        var (exitCode, _) = CommandLine.Run(SwarmCommand.InvokeAsync, "resume", Path.Combine(Out("split"), "checkpoint.swarm"), "--steps", "12");

        Assert.Equal(0, exitCode);
        Assert.Equal(StateHash(Out("whole")), StateHash(Out("split")));
        Assert.Equal(File.ReadAllText(Path.Combine(Out("whole"), "data.csv")), File.ReadAllText(Path.Combine(Out("split"), "data.csv")));
    }

    [Fact]
    public void Run_InvalidParameters_ListsEveryProblemAndExitsWithInputError()
    {
        var (exitCode, output) = CommandLine.Run(SwarmCommand.InvokeAsync, "run", "schelling", "-p", "width=-3", "-p", "colour=1", "-p", "agents=many", "--out", Out("bad"));

        Assert.Equal(2, exitCode);
        Assert.Contains("width", output, StringComparison.Ordinal);
        Assert.Contains("colour", output, StringComparison.Ordinal);
        Assert.Contains("agents", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Out("bad")));
    }

    [Fact]
    public void Run_UnknownModel_NamesTheKnownModels()
    {
        var (exitCode, output) = CommandLine.Run(SwarmCommand.InvokeAsync, "run", "termites");

        Assert.Equal(2, exitCode);
        Assert.Contains("schelling", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not a checkpoint")]
    [InlineData("")]
    public void Resume_CorruptCheckpoint_ExitsWithInputError(string content)
    {
        var path = Out("corrupt.swarm");
        File.WriteAllText(path, content);

        var (exitCode, output) = CommandLine.Run(SwarmCommand.InvokeAsync, "resume", path);

        Assert.Equal(2, exitCode);
        Assert.Contains("cannot resume", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Resume_MissingFile_ExitsWithInputError()
    {
        var (exitCode, _) = CommandLine.Run(SwarmCommand.InvokeAsync, "resume", Out("absent.swarm"));

        Assert.Equal(2, exitCode);
    }

    private static string StateHash(string folder)
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "run.json")));
        return manifest.RootElement.GetProperty("stateHash").GetString()!;
    }
}
