using Swarm.Testing;

namespace Swarm.Cli.Tests;

/// <summary>A whole-number option given something that is not one, or out of its range: a one-line error naming it, never a stack trace.</summary>
public sealed class WholeNumberOptionTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("swarm-int-options-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Theory]
    [InlineData("sweep", "--chunk-steps", "abc")]
    [InlineData("sweep", "--chunk-steps", "0")]
    [InlineData("sweep", "--batch-size", "99999999999")]
    [InlineData("sweep", "--max-batches", "x")]
    [InlineData("run", "--steps", "abc")]
    [InlineData("run", "--steps", "-1")]
    [InlineData("resume", "--steps", "abc")]
    [InlineData("backup", "--retention-days", "abc")]
    [InlineData("backup", "--retention-days", "0")]
    public void BadValue_IsAnErrorNamingTheOptionWithoutAStackTrace(string command, string option, string value)
    {
        string[] args = command switch
        {
            "sweep" => ["sweep", Path.Combine(_folder.FullName, "any.json"), "--data", _folder.FullName, option, value],
            "run" => ["run", "schelling", option, value],
            "resume" => ["resume", Path.Combine(_folder.FullName, "any.swarm"), option, value],
            _ => ["backup", "--data", _folder.FullName, option, value],
        };

        var (exitCode, output) = CommandLine.Run(SwarmCommand.Create, args);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(option, output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
    }
}
