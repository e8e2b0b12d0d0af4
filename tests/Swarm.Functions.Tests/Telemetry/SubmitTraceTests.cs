using System.Diagnostics;
using System.Text.RegularExpressions;
using Swarm.Cli;
using Swarm.Functions.Intake;
using Swarm.Functions.Telemetry;
using Swarm.Testing;

namespace Swarm.Functions.Tests.Telemetry;

/// <summary><c>swarm submit</c> starts a trace for the job it sends: the message carries it, the output names it.</summary>
public sealed partial class SubmitTraceTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("swarm-submit-trace-");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    [Fact]
    public async Task Submit_NoListener_MessageCarriesARecordedTraceParentWhoseTraceIdIsPrinted()
    {
        var (exitCode, output, message) = await SubmitAsync("plain-" + Guid.NewGuid().ToString("N")[..8]);

        Assert.True(exitCode == 0, output);
        var traceId = PrintedTraceId().Match(output);
        Assert.True(traceId.Success, output);
        Assert.NotNull(message.TraceParent);
        Assert.True(ActivityContext.TryParse(message.TraceParent, null, out var context), message.TraceParent);
        Assert.Equal(traceId.Groups[1].Value, context.TraceId.ToHexString());
        Assert.True(context.TraceFlags.HasFlag(ActivityTraceFlags.Recorded));
    }

    [Fact]
    public async Task Submit_Listened_TheSendIsAProducerSpanAndTheMessagesParent()
    {
        var id = "heard-" + Guid.NewGuid().ToString("N")[..8];
        var sends = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == SwarmTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = span =>
            {
                // Only this test's send: other tests use the same source.
                if (Equals(span.GetTagItem("messaging.message.id"), id))
                {
                    lock (sends)
                    {
                        sends.Add(span);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        var (exitCode, output, message) = await SubmitAsync(id);

        Assert.True(exitCode == 0, output);
        Activity send;
        lock (sends)
        {
            send = Assert.Single(sends);
        }

        Assert.Equal(ActivityKind.Producer, send.Kind);
        Assert.Equal("simulation-jobs", send.GetTagItem("messaging.destination.name"));
        Assert.Equal(send.Id, message.TraceParent);
        Assert.Contains(send.TraceId.ToHexString(), output, StringComparison.Ordinal);
    }

    private async Task<(int ExitCode, string Output, IntakeMessage Message)> SubmitAsync(string id)
    {
        var job = Path.Combine(_folder.FullName, "run.json");
        await File.WriteAllTextAsync(job, """{ "kind": "simulation", "model": "boltzmann", "preset": "small", "steps": 2 }""");
        var data = Path.Combine(_folder.FullName, "data");

        var (exitCode, output) = CommandLine.Run(SwarmCommand.InvokeAsync, "submit", job, "--id", id, "--queue", "--data", data, "--queue-name", "simulation-jobs");

        using var queue = EmbeddedJobQueue.InDataFolder(data, "simulation-jobs");
        await queue.CreateIfNotExistsAsync();
        var received = await queue.ReceiveAsync(TimeSpan.FromMinutes(1));
        Assert.NotNull(received);
        return (exitCode, output, received.Message);
    }

    [GeneratedRegex("trace ([0-9a-f]{32})")]
    private static partial Regex PrintedTraceId();
}
