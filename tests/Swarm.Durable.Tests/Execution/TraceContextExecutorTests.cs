using System.Diagnostics;
using Swarm.Durable.Execution;
using Swarm.Durable.History;

namespace Swarm.Durable.Tests.Execution;

public sealed class TraceContextExecutorTests
{
    private static readonly TraceContext Caller = new("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "congo=t61rcWkgMzE");

    private static DurableTaskRegistry Registry() => new DurableTaskRegistry()
        .AddOrchestratorFunc<int, int>("Parent", async (context, input) =>
        {
            var a = await context.CallActivityAsync<int>("A", input);
            var child = await context.CallSubOrchestratorAsync<int>("Child", a);
            return a + child;
        });

    private static ExecutionStartedEvent Started(TraceContext? trace) =>
        new(-1, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), "Parent", null, "1", new OrchestrationInstance("instance-1", "execution-1"), ParentTraceContext: trace);

    [Fact]
    public void Execute_StartedWithTraceContext_ScheduledWorkCarriesIt()
    {
        var harness = new ExecutorHarness(Registry());

        var schedule = ExecutorHarness.Single<ScheduleTaskAction>(harness.Episode(Started(Caller)));
        var create = ExecutorHarness.Single<CreateSubOrchestrationAction>(harness.Episode(harness.Completed(schedule.Id, 10)));

        Assert.Equal(Caller, schedule.ParentTraceContext);
        Assert.Equal(Caller, create.ParentTraceContext);
        Assert.Equal(Caller, Assert.IsType<TaskScheduledEvent>(harness.History.Single(e => e is TaskScheduledEvent)).ParentTraceContext);
    }

    [Fact]
    public void Replay_FromScratchWithTraceContext_SameActionsAndNoNonDeterminism()
    {
        var first = new ExecutorHarness(Registry());
        var schedule = ExecutorHarness.Single<ScheduleTaskAction>(first.Episode(Started(Caller)));
        var create = ExecutorHarness.Single<CreateSubOrchestrationAction>(first.Episode(first.Completed(schedule.Id, 10)));

        // An activity thread that is inside some unrelated span must not change what the executor records.
        using var unrelated = new Activity("unrelated").SetIdFormat(ActivityIdFormat.W3C).Start();
        var replayed = first.Executor.Execute(first.InstanceId, first.History[..4], [new OrchestratorStartedEvent(-1, first.Now), first.Completed(schedule.Id, 10)]);
        var done = first.Episode(new SubOrchestrationInstanceCompletedEvent(-1, first.Now, create.Id, "5"));

        Assert.Equal(create, ExecutorHarness.Single<CreateSubOrchestrationAction>(replayed));
        Assert.Equal(15, ExecutorHarness.Output<int>(done));
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331")]
    [InlineData("00-00000000000000000000000000000000-b7ad6b7169203331-01")]
    [InlineData("00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01")]
    [InlineData("00-0AF7651916CD43DD8448EB211C80319C-B7AD6B7169203331-01")]
    [InlineData("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-extra-and-much-longer-than-allowed")]
    public void Execute_MalformedTraceParent_IgnoredAndScheduledWorkHasNone(string traceParent)
    {
        var harness = new ExecutorHarness(Registry());

        var schedule = ExecutorHarness.Single<ScheduleTaskAction>(harness.Episode(Started(new TraceContext(traceParent, "k=v"))));
        var create = ExecutorHarness.Single<CreateSubOrchestrationAction>(harness.Episode(harness.Completed(schedule.Id, 10)));

        Assert.Null(schedule.ParentTraceContext);
        Assert.Null(create.ParentTraceContext);
    }

    [Fact]
    public void Execute_NoTraceContext_ScheduledWorkHasNone()
    {
        var harness = new ExecutorHarness(Registry());

        var schedule = ExecutorHarness.Single<ScheduleTaskAction>(harness.Episode(Started(null)));

        Assert.Null(schedule.ParentTraceContext);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("not-a-trace", false)]
    [InlineData("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", true)]
    [InlineData("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00", true)]
    public void TryParse_Values_ParsesOnlyWellFormedTraceParents(string? traceParent, bool expected)
    {
        var parsed = TraceContextPropagation.TryParse(traceParent is null ? null : new TraceContext(traceParent), out var context);

        Assert.Equal(expected, parsed);
        Assert.Equal(expected, context != default);
    }

    [Fact]
    public void Capture_W3CActivity_TraceParentAndState()
    {
        using var activity = new Activity("caller").SetIdFormat(ActivityIdFormat.W3C).Start();
        activity.TraceStateString = "congo=t61rcWkgMzE";

        var captured = TraceContextPropagation.Capture(activity);

        Assert.NotNull(captured);
        Assert.Equal($"00-{activity.TraceId}-{activity.SpanId}-{(activity.Recorded ? "01" : "00")}", captured.TraceParent);
        Assert.Equal("congo=t61rcWkgMzE", captured.TraceState);
    }

    [Fact]
    public void Capture_HierarchicalOrNoActivity_Null()
    {
        using var hierarchical = new Activity("caller").SetIdFormat(ActivityIdFormat.Hierarchical).Start();

        Assert.Null(TraceContextPropagation.Capture(hierarchical));
        Assert.Null(TraceContextPropagation.Capture(null));
    }
}
