using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Swarm.Durable.History;
using Swarm.Durable.Hosting;
using Swarm.Durable.Sqlite;

namespace Swarm.Durable.Tests.Hosting;

public sealed class TracePropagationTests : IAsyncDisposable
{
    /// <summary>What the activities themselves trace, as application code would.</summary>
    private const string WorkSourceName = "Swarm.Durable.Tests.Work";

    private static readonly ActivitySource WorkSource = new(WorkSourceName);

    private static readonly CancellationTokenSource Never = new();

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

    private static DurableTaskRegistry Registry() => new DurableTaskRegistry()
        .AddActivityFunc<int, int>("Work", (_, x) =>
        {
            using var own = WorkSource.StartActivity("work step");
            own?.SetTag("input", x);
            return x * 2;
        })
        .AddOrchestratorFunc<int, int>("Child", async (context, x) => await context.CallActivityAsync<int>("Work", x))
        .AddOrchestratorFunc<int, int>("Traced", async (context, x) =>
        {
            var a = await context.CallActivityAsync<int>("Work", x);
            var b = await context.CallActivityAsync<int>("Work", a);
            var c = await context.CallSubOrchestratorAsync<int>("Child", b);
            return a + b + c;
        })
        .AddOrchestratorFunc<int, int>("Countdown", async (context, n) =>
        {
            await context.CallActivityAsync<int>("Work", n);
            if (n > 0)
            {
                context.ContinueAsNew(n - 1);
            }

            return n;
        });

    /// <summary>The span the client is called in (an HTTP request, a queue message), current until stopped.</summary>
    private static Activity Caller() => new Activity("caller").SetIdFormat(ActivityIdFormat.W3C).Start();

    private static async Task<OrchestrationMetadata> CompleteAsync(DurableTaskClient client, string id)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, patience.Token);
        Assert.True(done.RuntimeStatus == OrchestrationStatus.Completed, done.FailureDetails?.Summary ?? done.RuntimeStatus.ToString());
        return done;
    }

    [Fact]
    public async Task ScheduleNew_InsideCallerSpanWithEveryEpisodeReplayed_AllSpansJoinTheCallersTrace()
    {
        using var caller = Caller();
        caller.TraceStateString = "swarm=test";
        var callerSpan = caller.SpanId;
        using var spans = new TraceRecorder(caller.TraceId);

        // No cache: every episode replays the whole history, as after an eviction or a restart.
        var options = new DurableWorkerOptions { MaxCachedOrchestrations = 0 };
        await using var host = await DurableHost.StartEmbeddedAsync(Path.Combine(_folder, "t.db"), Registry(), options: options);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Traced", 1);
        caller.Stop();
        var done = await CompleteAsync(host.Client, id);

        Assert.Equal(2 + 4 + 8, done.ReadOutputAs<int>());
        var recorded = spans.Snapshot();
        var parentEpisodes = recorded.Where(s => s.DisplayName == "orchestration Traced").ToList();
        var childEpisodes = recorded.Where(s => s.DisplayName == "orchestration Child").ToList();
        var activities = recorded.Where(s => s.DisplayName == "activity Work").ToList();
        var own = recorded.Where(s => s.DisplayName == "work step").ToList();

        // Start, two activity results, the sub-orchestration's result: four episodes; the child has two.
        Assert.Equal(4, parentEpisodes.Count);
        Assert.Equal(2, childEpisodes.Count);
        Assert.Equal(3, activities.Count);
        Assert.Equal(3, own.Count);
        Assert.All(parentEpisodes.Concat(childEpisodes).Concat(activities), s => Assert.Equal(callerSpan, s.ParentSpanId));
        Assert.All(parentEpisodes.Concat(childEpisodes).Concat(activities), s => Assert.Equal(ActivityKind.Server, s.Kind));
        Assert.All(parentEpisodes.Concat(childEpisodes), s => Assert.Equal("swarm=test", s.TraceStateString));
        Assert.All(parentEpisodes, s => Assert.Equal(id, s.GetTagItem("durable.instance_id")));
        Assert.All(childEpisodes, s => Assert.Equal(id, s.GetTagItem("durable.parent_instance_id")));
        Assert.Equal(activities.Select(a => a.SpanId.ToHexString()).Order(), own.Select(s => s.ParentSpanId.ToHexString()).Order());

        var expected = caller.Id;
        var history = await host.Backend.GetHistoryAsync(id);
        Assert.All(history.OfType<TaskScheduledEvent>(), e => Assert.Equal(expected, e.ParentTraceContext?.TraceParent));
        var created = Assert.Single(history.OfType<SubOrchestrationInstanceCreatedEvent>());
        Assert.Equal(new TraceContext(expected!, "swarm=test"), created.ParentTraceContext);
        var childHistory = await host.Backend.GetHistoryAsync(created.InstanceId);
        Assert.Equal(expected, childHistory.OfType<ExecutionStartedEvent>().Single().ParentTraceContext?.TraceParent);
    }

    [Fact]
    public async Task ContinueAsNew_InsideCallerSpan_EveryExecutionKeepsTheTrace()
    {
        using var caller = Caller();
        using var spans = new TraceRecorder(caller.TraceId);

        await using var host = await DurableHost.StartEmbeddedAsync(Path.Combine(_folder, "t.db"), Registry());
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Countdown", 3);
        caller.Stop();
        await CompleteAsync(host.Client, id);

        var recorded = spans.Snapshot();
        var executions = recorded.Where(s => s.DisplayName == "orchestration Countdown").Select(s => s.GetTagItem("durable.execution_id")).Distinct().Count();
        Assert.Equal(4, executions);
        Assert.Equal(4, recorded.Count(s => s.DisplayName == "activity Work"));
        Assert.All(recorded.Where(s => s.Source.Name == DurableTelemetry.Name), s => Assert.Equal(caller.SpanId, s.ParentSpanId));
        var last = await host.Backend.GetHistoryAsync(id);
        Assert.Equal(caller.Id, last.OfType<ExecutionStartedEvent>().Single().ParentTraceContext?.TraceParent);
    }

    [Fact]
    public async Task ActivityRunByAnotherWorker_ReadsItsParentFromHistory()
    {
        using var caller = Caller();
        using var spans = new TraceRecorder(caller.TraceId);

        // Two workers on one task hub: the one that runs the activities never saw them scheduled.
        var backend = new SqliteDurableBackend(Path.Combine(_folder, "t.db"));
        await using (backend)
        {
            await using var orchestrations = await DurableHost.StartAsync(backend, Registry(), options: new DurableWorkerOptions { ProcessActivities = false });
            await using var activities = await DurableHost.StartAsync(backend, Registry(), options: new DurableWorkerOptions { ProcessOrchestrations = false });
            var id = await orchestrations.Client.ScheduleNewOrchestrationInstanceAsync("Traced", 1);
            caller.Stop();
            await CompleteAsync(orchestrations.Client, id);
        }

        var recorded = spans.Snapshot();
        Assert.Equal(3, recorded.Count(s => s.DisplayName == "activity Work"));
        Assert.All(recorded.Where(s => s.DisplayName == "activity Work"), s => Assert.Equal(caller.SpanId, s.ParentSpanId));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("")]
    [InlineData("00-00000000000000000000000000000000-0000000000000000-01")]
    [InlineData("01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-zz")]
    public async Task MalformedParentTraceContext_IgnoredAndSpansAreRoots(string traceParent)
    {
        var id = "malformed-" + Guid.NewGuid().ToString("N");
        using var spans = new TraceRecorder(id);

        // A worker started inside some span must not make that span the parent of unrelated work.
        await using var host = await StartInsideUnrelatedSpanAsync();
        await host.Backend.CreateInstanceAsync(
            new ExecutionStartedEvent(-1, DateTime.UtcNow, "Traced", null, "1", new OrchestrationInstance(id, Guid.NewGuid().ToString("N")), ParentTraceContext: new TraceContext(traceParent, "x=y")),
            replaceFinished: false);
        await CompleteAsync(host.Client, id);

        var recorded = spans.Snapshot();
        Assert.Equal(4, recorded.Count(s => s.DisplayName == "orchestration Traced"));
        Assert.Equal(2, recorded.Count(s => s.DisplayName == "activity Work"));
        Assert.All(recorded, s => Assert.Equal(default, s.ParentSpanId));
        var history = await host.Backend.GetHistoryAsync(id);
        Assert.All(history.OfType<TaskScheduledEvent>(), e => Assert.Null(e.ParentTraceContext));
    }

    [Fact]
    public async Task StartAsync_CallerSuppressedExecutionContextFlow_StartsAndRuns()
    {
        await using var backend = new SqliteDurableBackend(Path.Combine(_folder, "t.db"));
        await backend.CreateIfNotExistsAsync();
        await using var worker = new DurableWorker(backend, Registry(), new ServiceCollection().BuildServiceProvider());
        Task starting;
        using (ExecutionContext.SuppressFlow())
        {
            starting = worker.StartAsync();
        }

        await starting;
        var client = new DurableTaskClient(backend);
        var id = await client.ScheduleNewOrchestrationInstanceAsync("Traced", 1);

        Assert.Equal(14, (await CompleteAsync(client, id)).ReadOutputAs<int>());
    }

    private async Task<DurableHost> StartInsideUnrelatedSpanAsync()
    {
        using var unrelated = new Activity("unrelated").SetIdFormat(ActivityIdFormat.W3C).Start();
        return await DurableHost.StartEmbeddedAsync(Path.Combine(_folder, "t.db"), Registry(), cancellationToken: Never.Token);
    }

    /// <summary>
    /// Records stopped spans of the runtime and of the activities' own source that belong to one trace id (or, for
    /// spans without a trace of their own, to one instance id), so tests running in parallel do not see each other's.
    /// </summary>
    private sealed class TraceRecorder : IDisposable
    {
        private readonly List<Activity> _spans = [];
        private readonly ActivityListener _listener;

        public TraceRecorder(ActivityTraceId traceId)
            : this(span => span.TraceId == traceId)
        {
        }

        public TraceRecorder(string instanceId)
            : this(span => Equals(span.GetTagItem("durable.instance_id"), instanceId))
        {
        }

        private TraceRecorder(Func<Activity, bool> mine)
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name is DurableTelemetry.Name or WorkSourceName,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = span =>
                {
                    if (mine(span))
                    {
                        lock (_spans)
                        {
                            _spans.Add(span);
                        }
                    }
                },
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public List<Activity> Snapshot()
        {
            lock (_spans)
            {
                return [.. _spans];
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
