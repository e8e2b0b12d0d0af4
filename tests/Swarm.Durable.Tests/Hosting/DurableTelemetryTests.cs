using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Swarm.Durable.Conformance;
using Swarm.Durable.History;
using Swarm.Durable.Hosting;

namespace Swarm.Durable.Tests.Hosting;

public sealed class DurableTelemetryTests : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "swarm-durable-tests", Guid.NewGuid().ToString("N"));

    public ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS's temp cleanup.
        }

        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Worker_RunningAnOrchestration_EmitsSpansAndCounters()
    {
        var spans = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == DurableTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(listener);
        long activityExecutions = 0;
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == DurableTelemetry.Name)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == "durable.activity.executions")
            {
                Interlocked.Add(ref activityExecutions, value);
            }
        });
        meters.Start();
        var services = new ServiceCollection().AddSingleton(new ExecutionLedger()).BuildServiceProvider();

        string id;
        await using (var host = await DurableHost.StartEmbeddedAsync(Path.Combine(_folder, "t.db"), ConformanceRegistry.Create(), services))
        {
            id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Chain", 2);
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var done = await host.Client.WaitForInstanceCompletionAsync(id, cancellationToken: patience.Token);
            Assert.Equal(OrchestrationStatus.Completed, done.RuntimeStatus);
        }

        var mine = spans.Where(s => Equals(s.GetTagItem("durable.instance_id"), id)).ToList();
        Assert.Contains(mine, s => s.DisplayName == "orchestration Chain");
        Assert.Equal(2, mine.Count(s => s.DisplayName == "activity Increment"));
        Assert.True(Interlocked.Read(ref activityExecutions) >= 2);
    }
}
