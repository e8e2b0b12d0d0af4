using System.Diagnostics;
using Swarm.Functions.Tests.CustomHandler;
using Swarm.Testing;

namespace Swarm.Functions.Tests;

/// <summary>A user's model project, outside Swarm's source, swept by the <c>swarm</c> executable as a user runs it.</summary>
public sealed class UserModelSweepTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(8);

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("swarm-user-model-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task Sweep_SampleModelProject_BuildsItAndWritesTheSweepsResults()
    {
        var project = Path.Combine(RepositoryRoot.Path, "samples", "models", "Virus");
        var sweep = Path.Combine(project, "virus-sweep.json");
        var output = Path.Combine(_folder.FullName, "out");

        var (exitCode, text) = await RunSwarmAsync("sweep", sweep, "--models", project, "--data", Path.Combine(_folder.FullName, "data"), "--out", output);

        Assert.True(exitCode == 0, text);
        Assert.Contains("12 points, 36 runs", text, StringComparison.Ordinal);
        var summary = File.ReadAllLines(Path.Combine(output, "summary.csv"));
        Assert.Equal(13, summary.Length);
        Assert.Contains("spreadChance", summary[0], StringComparison.Ordinal);
        Assert.StartsWith("<svg", File.ReadAllText(Path.Combine(output, "chart.svg")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Models_MissingAssembly_OneLineErrorNamingItAndExitCode2()
    {
        var missing = Path.Combine(_folder.FullName, "Nowhere.dll");

        var (exitCode, text) = await RunSwarmAsync("models", "--models", missing);

        Assert.Equal(2, exitCode);
        Assert.Equal($"error: Model assembly or project {missing} not found.", text.Trim().ReplaceLineEndings(" "));
    }

    private async Task<(int ExitCode, string Output)> RunSwarmAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _folder.FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(HostProcess.Swarm);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Plain output at any width: the one-line errors stay on one line.
        start.Environment["NO_COLOR"] = "1";
        start.Environment["COLUMNS"] = "400";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Deadline);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"swarm {string.Join(' ', args)} did not finish within {Deadline}.");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
