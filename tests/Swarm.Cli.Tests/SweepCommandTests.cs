using System.Diagnostics;
using Swarm.Testing;

namespace Swarm.Cli.Tests;

public sealed class SweepCommandTests : IDisposable
{
    private const string SmallSweep = """
        {
          "model": "schelling",
          "parameters": { "width": 16, "height": 16, "agents": 150 },
          "design": { "type": "grid", "factors": { "minToBeHappy": [2, 4] } },
          "replicates": 3,
          "seed": 5,
          "steps": 6
        }
        """;

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("swarm-sweep-cli-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string In(string name) => Path.Combine(_folder.FullName, name);

    [Fact]
    public void Sweep_SmallGrid_PrintsTheSummaryAndWritesCsvJsonAndSvg()
    {
        File.WriteAllText(In("small.json"), SmallSweep);

        var (exitCode, output) = CommandLine.Run(SwarmCommand.InvokeAsync, "sweep", In("small.json"), "--data", In("data"), "--out", In("out"));

        Assert.Equal(0, exitCode);
        Assert.Contains("minToBeHappy", output, StringComparison.Ordinal);
        Assert.Equal(3, File.ReadAllLines(In("out/summary.csv")).Length);
        Assert.StartsWith("<svg", File.ReadAllText(In("out/chart.svg")), StringComparison.Ordinal);
        Assert.Contains("\"points\"", File.ReadAllText(In("out/summary.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void Sweep_WithoutOut_WritesUnderTheDataFolderWithProgressThatAgreesAndBackupSaysWhere()
    {
        File.WriteAllText(In("small.json"), SmallSweep);

        var (exitCode, output) = CommandLine.Run(SwarmCommand.InvokeAsync, "sweep", In("small.json"), "--data", In("data"), "--id", "s1");
        var backup = CommandLine.Run(SwarmCommand.InvokeAsync, "backup", "--data", In("data"));

        Assert.Equal(0, exitCode);
        Assert.True(File.Exists(In("data/results/s1/summary.csv")), output);
        Assert.Contains($"results written to {In("data/results/s1")}", output, StringComparison.Ordinal);
        Assert.Contains("progress: 6/6 runs (completed)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", output, StringComparison.Ordinal);
        Assert.Equal(0, backup.ExitCode);
        var where = backup.Output.Split('\n').Single(l => l.StartsWith("backup written to ", StringComparison.Ordinal));
        Assert.True(Directory.Exists(where["backup written to ".Length..where.IndexOf(';', StringComparison.Ordinal)]), where);
    }

    [Fact]
    public void Sweep_SameCommandTwice_ReportsTheFinishedSweepWithoutRunningItAgain()
    {
        File.WriteAllText(In("small.json"), SmallSweep);
        Assert.Equal(0, CommandLine.Run(SwarmCommand.InvokeAsync, "sweep", In("small.json"), "--data", In("data"), "--out", In("first")).ExitCode);

        var (exitCode, output) = CommandLine.Run(SwarmCommand.InvokeAsync, "sweep", In("small.json"), "--data", In("data"), "--out", In("second"));

        Assert.Equal(0, exitCode);
        Assert.Contains("already completed", output, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(In("first/summary.csv")), File.ReadAllText(In("second/summary.csv")));
    }

    [Fact]
    public void Sweep_InvalidDocument_ListsEveryProblemByJsonPathAndStartsNothing()
    {
        File.WriteAllText(In("bad.json"), """{"model":"schelling","steps":-1,"replicates":0,"design":{"type":"grid","factors":{"radius":[0],"colour":[1]}}}""");

        var (exitCode, output) = CommandLine.Run(SwarmCommand.InvokeAsync, "sweep", In("bad.json"), "--data", In("data"));

        Assert.Equal(2, exitCode);
        foreach (var path in new[] { "$.steps", "$.replicates", "$.design.factors.radius", "$.design.factors.colour" })
        {
            Assert.Contains(path, output, StringComparison.Ordinal);
        }

        Assert.False(Directory.Exists(In("data")));
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("")]
    public void Sweep_MalformedJson_IsAnInputError(string content)
    {
        File.WriteAllText(In("broken.json"), content);

        var (exitCode, output) = CommandLine.Run(SwarmCommand.InvokeAsync, "sweep", In("broken.json"), "--data", In("data"));

        Assert.Equal(2, exitCode);
        Assert.Contains("not a valid sweep", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Sweep_MissingFile_IsAnInputError()
    {
        var (exitCode, _) = CommandLine.Run(SwarmCommand.InvokeAsync, "sweep", In("absent.json"), "--data", In("data"));

        Assert.Equal(2, exitCode);
    }

    [Fact]
    public void StatusResultsAndCancel_AfterASweep_DescribeIt()
    {
        File.WriteAllText(In("small.json"), SmallSweep);
        Assert.Equal(0, CommandLine.Run(SwarmCommand.InvokeAsync, "sweep", In("small.json"), "--data", In("data"), "--id", "s1", "--out", In("out")).ExitCode);

        var status = CommandLine.Run(SwarmCommand.InvokeAsync, "status", "s1", "--data", In("data"));
        var json = CommandLine.Run(SwarmCommand.InvokeAsync, "results", "s1", "--format", "json", "--data", In("data"));
        var unknown = CommandLine.Run(SwarmCommand.InvokeAsync, "status", "s2", "--data", In("data"));

        Assert.Equal(0, status.ExitCode);
        Assert.Contains("Completed", status.Output, StringComparison.Ordinal);
        Assert.Contains("completed: 6/6 runs", status.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("RunsDone", status.Output, StringComparison.Ordinal);
        Assert.Equal(0, json.ExitCode);
        Assert.Contains("\"mainMetric\"", json.Output, StringComparison.Ordinal);
        Assert.Equal(2, unknown.ExitCode);
    }

    /// <summary>
    /// The durability promise end to end: a real <c>swarm sweep</c> process is killed mid-sweep, the same
    /// command is run again, and the results equal those of a sweep that was never interrupted.
    /// </summary>
    [Fact]
    public async Task Sweep_ProcessKilledMidway_SameCommandFinishesWithTheUninterruptedResults()
    {
        const string heavy = """
            {
              "model": "schelling",
              "parameters": { "width": 60, "height": 60, "agents": 2600, "radius": 2 },
              "design": { "type": "grid", "factors": { "minToBeHappy": [4, 6, 8, 10] } },
              "replicates": 10,
              "seed": 77,
              "steps": 40
            }
            """;
        File.WriteAllText(In("heavy.json"), heavy);
        string[] args = ["sweep", In("heavy.json"), "--batch-size", "2", "--max-batches", "1"];

        var killedAt = await RunUntilProgressThenKillAsync([.. args, "--data", In("killed"), "--out", In("killed-out")], minimumRuns: 4);
        var resumed = await RunToEndAsync([.. args, "--data", In("killed"), "--out", In("killed-out")]);
        var whole = await RunToEndAsync([.. args, "--data", In("whole"), "--out", In("whole-out")]);

        Assert.InRange(killedAt, 4, 39);
        Assert.Equal(0, resumed.ExitCode);
        Assert.Contains("resuming", resumed.Output, StringComparison.Ordinal);
        Assert.Equal(0, whole.ExitCode);
        Assert.Equal(File.ReadAllText(In("whole-out/summary.csv")), File.ReadAllText(In("killed-out/summary.csv")));
    }

    /// <summary>
    /// The same promise for long runs: each run is its own orchestration stepping through checkpointed chunks, and the
    /// process is killed while those chunks are in flight.
    /// </summary>
    [Fact]
    public async Task Sweep_ProcessKilledDuringChunkedLongRuns_SameCommandFinishesWithTheUninterruptedResults()
    {
        const string longRuns = """
            {
              "model": "schelling",
              "parameters": { "width": 60, "height": 60, "agents": 2600, "radius": 2 },
              "design": { "type": "grid", "factors": { "minToBeHappy": [7, 8] } },
              "replicates": 4,
              "seed": 91,
              "steps": 150
            }
            """;
        File.WriteAllText(In("long.json"), longRuns);
        string[] args = ["sweep", In("long.json"), "--batch-size", "2", "--max-batches", "1", "--chunk-steps", "10"];

        var killedAt = await RunUntilProgressThenKillAsync([.. args, "--data", In("killed"), "--out", In("killed-out")], minimumRuns: 2);
        var resumed = await RunToEndAsync([.. args, "--data", In("killed"), "--out", In("killed-out")]);
        var whole = await RunToEndAsync([.. args, "--data", In("whole"), "--out", In("whole-out")]);

        Assert.InRange(killedAt, 2, 7);
        Assert.True(resumed.ExitCode == 0, resumed.Output);
        Assert.Contains("resuming", resumed.Output, StringComparison.Ordinal);
        Assert.Equal(0, whole.ExitCode);
        Assert.Equal(File.ReadAllText(In("whole-out/summary.csv")), File.ReadAllText(In("killed-out/summary.csv")));
    }

    /// <summary>
    /// Killed while aggregating: the chart's name is taken by a folder so the aggregation activity writes the summary files,
    /// fails on the chart and waits to retry; the process is killed in that window, the obstacle removed, and the same
    /// command finishes the sweep with the uninterrupted results, overwriting the partial files.
    /// </summary>
    [Fact]
    public async Task Sweep_ProcessKilledDuringAggregation_SameCommandFinishesWithTheUninterruptedResults()
    {
        const string sweep = """
            {
              "model": "schelling",
              "parameters": { "width": 60, "height": 60, "agents": 2600, "radius": 2 },
              "design": { "type": "grid", "factors": { "minToBeHappy": [4, 6, 8] } },
              "replicates": 4,
              "seed": 13,
              "steps": 30
            }
            """;
        File.WriteAllText(In("aggregate.json"), sweep);
        string[] args = ["sweep", In("aggregate.json"), "--id", "agg", "--batch-size", "2", "--max-batches", "1"];
        var results = In("killed/state/blobs/results-agg");
        var obstacle = Path.Combine(results, "chart.svg");

        var seen = await RunAndKillAsync([.. args, "--data", In("killed"), "--out", In("killed-out")], async line =>
        {
            if (line.StartsWith("progress: ", StringComparison.Ordinal) && Directory.Exists(results))
            {
                Directory.CreateDirectory(obstacle);
            }

            if (!line.EndsWith("(aggregating)", StringComparison.Ordinal))
            {
                return false;
            }

            // The first attempt writes summary.json and summary.csv, then fails on the chart; its retries are 1, 2 and 4 s away.
            for (var waited = 0; waited < 50 && !File.Exists(Path.Combine(results, "summary.csv")); waited++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100));
            }

            return true;
        });
        Assert.True(Directory.Exists(obstacle), "The chart's name was not taken before aggregation:\n" + string.Join('\n', seen));
        Assert.True(File.Exists(Path.Combine(results, "summary.csv")), "The aggregation had not written its first files when it was killed.");
        Directory.Delete(obstacle);
        var resumed = await RunToEndAsync([.. args, "--data", In("killed"), "--out", In("killed-out")]);
        var whole = await RunToEndAsync([.. args, "--data", In("whole"), "--out", In("whole-out")]);

        Assert.True(resumed.ExitCode == 0, resumed.Output);
        Assert.Contains("was interrupted: resuming it", resumed.Output, StringComparison.Ordinal);
        Assert.Equal(0, whole.ExitCode);
        foreach (var file in new[] { "summary.csv", "summary.json", "chart.svg" })
        {
            Assert.Equal(File.ReadAllText(In($"whole-out/{file}")), File.ReadAllText(In($"killed-out/{file}")));
        }
    }

    private static ProcessStartInfo Swarm(string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(typeof(SwarmCommand).Assembly.Location);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return info;
    }

    private static async Task<int> RunUntilProgressThenKillAsync(string[] args, int minimumRuns)
    {
        var done = 0;
        await RunAndKillAsync(args, line =>
        {
            done = line.StartsWith("progress: ", StringComparison.Ordinal)
                ? int.Parse(line["progress: ".Length..line.IndexOf('/', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture)
                : done;
            return Task.FromResult(done >= minimumRuns);
        });
        return done;
    }

    /// <summary>Runs swarm until <paramref name="killAfter"/> says so of an output line, then kills it; returns the lines seen.</summary>
    private static async Task<List<string>> RunAndKillAsync(string[] args, Func<string, Task<bool>> killAfter)
    {
        using var process = Process.Start(Swarm(args))!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var seen = new List<string>();
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            seen.Add(line);
            if (await killAfter(line))
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(timeout.Token);
                return seen;
            }
        }

        await process.WaitForExitAsync(timeout.Token);
        throw new InvalidOperationException($"The sweep ended (exit {process.ExitCode}) before the point it was to be killed at:\n{string.Join('\n', seen)}\n{await process.StandardError.ReadToEndAsync(timeout.Token)}");
    }

    private static async Task<(int ExitCode, string Output)> RunToEndAsync(string[] args)
    {
        using var process = Process.Start(Swarm(args))!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
