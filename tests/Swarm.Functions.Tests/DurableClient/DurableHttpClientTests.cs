using System.Net;
using System.Text.Json;
using Swarm.Durable;
using Swarm.Durable.History;
using Swarm.Functions.DurableClient;
using Swarm.Orchestrations.Runs;

namespace Swarm.Functions.Tests.DurableClient;

/// <summary>The HTTP durable client against a real function app's own management endpoints.</summary>
public sealed class DurableHttpClientTests(ManagedApp app) : IClassFixture<ManagedApp>
{
    private const long LongRun = 100_000_000;

    private DurableHttpClient Client => app.Client;

    [Fact]
    public async Task Schedule_ShortRun_CompletesWithInputsAndOutputsReadable()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));

        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(SimulationRun), ManagedApp.Run("client-short", 3), new StartOrchestrationOptions("client-short"), deadline.Token);
        var finished = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, deadline.Token);
        var embedded = await app.Api.Swarm.Client.GetInstanceAsync(id, getInputsAndOutputs: true);

        Assert.Equal("client-short", id);
        Assert.Equal(OrchestrationStatus.Completed, finished.RuntimeStatus);
        Assert.Equal(nameof(SimulationRun), finished.Name);
        Assert.Equal("client-short", finished.ReadInputAs<SimulationRunRequest>()!.RunId);
        Assert.NotNull(finished.SerializedOutput);
        Assert.NotNull(finished.CompletedAt);
        Assert.NotNull(embedded);
        Assert.Equal(JsonDocument.Parse(embedded.SerializedOutput!).RootElement.GetRawText(), JsonDocument.Parse(finished.SerializedOutput).RootElement.GetRawText());
        Assert.Equal(embedded.CreatedAt, finished.CreatedAt, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Schedule_NoInstanceId_ReturnsTheNewId()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(SimulationRun), ManagedApp.Run("client-new-id", 3));
        var finished = await Client.WaitForInstanceCompletionAsync(id);

        Assert.False(string.IsNullOrEmpty(id));
        Assert.Equal(OrchestrationStatus.Completed, finished.RuntimeStatus);
    }

    [Fact]
    public async Task GetInstance_Unknown_IsNull()
    {
        Assert.Null(await Client.GetInstanceAsync("client-nobody"));
    }

    [Fact]
    public async Task Schedule_IdOfARunningInstance_ThrowsAlreadyExists()
    {
        await Client.ScheduleNewOrchestrationInstanceAsync(nameof(SimulationRun), ManagedApp.Run("client-dup", LongRun), new StartOrchestrationOptions("client-dup"));
        try
        {
            await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() =>
                Client.ScheduleNewOrchestrationInstanceAsync(nameof(SimulationRun), ManagedApp.Run("client-dup", 3), new StartOrchestrationOptions("client-dup")));
        }
        finally
        {
            await Client.TerminateInstanceAsync("client-dup", "done");
        }
    }

    [Fact]
    public async Task Schedule_UnknownOrchestrator_ThrowsArgumentNamingIt()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Client.ScheduleNewOrchestrationInstanceAsync("NoSuchOrchestrator", null, new StartOrchestrationOptions("client-unknown")));

        Assert.Contains("NoSuchOrchestrator", error.Message, StringComparison.Ordinal);
        Assert.Null(await app.Api.Swarm.Client.GetInstanceAsync("client-unknown"));
    }

    [Fact]
    public async Task Schedule_DelayedStart_IsNotSupported()
    {
        await Assert.ThrowsAsync<NotSupportedException>(() =>
            Client.ScheduleNewOrchestrationInstanceAsync(nameof(SimulationRun), null, new StartOrchestrationOptions("client-later", DateTimeOffset.UtcNow.AddHours(1))));
    }

    [Fact]
    public async Task RaiseEvent_RunningInstance_IsAcceptedWithoutError()
    {
        await Client.ScheduleNewOrchestrationInstanceAsync(nameof(SimulationRun), ManagedApp.Run("client-event", LongRun), new StartOrchestrationOptions("client-event"));
        try
        {
            await Client.RaiseEventAsync("client-event", "Nudge", new { by = 1 });
        }
        finally
        {
            await Client.TerminateInstanceAsync("client-event");
        }

        var terminated = await Client.WaitForInstanceCompletionAsync("client-event");
        Assert.Equal(OrchestrationStatus.Terminated, terminated.RuntimeStatus);
    }

    [Fact]
    public async Task Commands_UnknownInstance_ThrowNotFound()
    {
        await Assert.ThrowsAsync<OrchestrationNotFoundException>(() => Client.RaiseEventAsync("client-nobody", "Nudge", 1));
        await Assert.ThrowsAsync<OrchestrationNotFoundException>(() => Client.TerminateInstanceAsync("client-nobody", "why"));
        await Assert.ThrowsAsync<OrchestrationNotFoundException>(() => Client.SuspendInstanceAsync("client-nobody"));
        await Assert.ThrowsAsync<OrchestrationNotFoundException>(() => Client.ResumeInstanceAsync("client-nobody"));
        await Assert.ThrowsAsync<OrchestrationNotFoundException>(() => Client.WaitForInstanceCompletionAsync("client-nobody"));
    }

    [Fact]
    public async Task SuspendThenResume_RunningInstance_ChangesItsStatus()
    {
        await Client.ScheduleNewOrchestrationInstanceAsync(nameof(SimulationRun), ManagedApp.Run("client-suspend", LongRun), new StartOrchestrationOptions("client-suspend"));
        try
        {
            await Client.WaitForInstanceStartAsync("client-suspend");
            await Client.SuspendInstanceAsync("client-suspend", "pause");
            var suspended = await app.WaitForStatusAsync("client-suspend", OrchestrationStatus.Suspended);
            await Client.ResumeInstanceAsync("client-suspend", "go on");
            var resumed = await app.WaitForStatusAsync("client-suspend", OrchestrationStatus.Running);

            Assert.Equal(OrchestrationStatus.Suspended, suspended.RuntimeStatus);
            Assert.Equal(OrchestrationStatus.Running, resumed.RuntimeStatus);
        }
        finally
        {
            await Client.TerminateInstanceAsync("client-suspend");
        }
    }

    [Fact]
    public async Task Terminate_RunningInstance_EndsTerminatedWithTheReason()
    {
        await Client.ScheduleNewOrchestrationInstanceAsync(nameof(SimulationRun), ManagedApp.Run("client-terminate", LongRun), new StartOrchestrationOptions("client-terminate"));

        await Client.TerminateInstanceAsync("client-terminate", "enough");
        var finished = await Client.WaitForInstanceCompletionAsync("client-terminate", getInputsAndOutputs: true);
        await Client.TerminateInstanceAsync("client-terminate", "again");

        Assert.Equal(OrchestrationStatus.Terminated, finished.RuntimeStatus);
        Assert.Equal("enough", finished.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Purge_FinishedInstance_DeletesItOnce()
    {
        await Client.ScheduleNewOrchestrationInstanceAsync(nameof(SimulationRun), ManagedApp.Run("client-purge", 3), new StartOrchestrationOptions("client-purge"));
        await Client.WaitForInstanceCompletionAsync("client-purge");

        var first = await Client.PurgeInstanceAsync("client-purge");
        var second = await Client.PurgeInstanceAsync("client-purge");

        Assert.Equal(1, first.PurgedInstanceCount);
        Assert.Equal(0, second.PurgedInstanceCount);
        Assert.Null(await Client.GetInstanceAsync("client-purge"));
        Assert.Null(await app.Api.Swarm.Client.GetInstanceAsync("client-purge"));
    }

    [Fact]
    public async Task Purge_RunningInstance_DeletesNothing()
    {
        await Client.ScheduleNewOrchestrationInstanceAsync(nameof(SimulationRun), ManagedApp.Run("client-purge-running", LongRun), new StartOrchestrationOptions("client-purge-running"));
        try
        {
            Assert.Equal(0, (await Client.PurgeInstanceAsync("client-purge-running")).PurgedInstanceCount);
            Assert.NotNull(await Client.GetInstanceAsync("client-purge-running"));
        }
        finally
        {
            await Client.TerminateInstanceAsync("client-purge-running");
        }
    }

    [Fact]
    public async Task Query_PagesOfOne_FollowContinuationTokensThroughEveryMatch()
    {
        string[] ids = ["client-page-a", "client-page-b", "client-page-c"];
        foreach (var id in ids)
        {
            await Client.ScheduleNewOrchestrationInstanceAsync(nameof(SimulationRun), ManagedApp.Run(id, 3), new StartOrchestrationOptions(id));
        }

        foreach (var id in ids)
        {
            await Client.WaitForInstanceCompletionAsync(id);
        }

        var first = await Client.QueryInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "client-page-", PageSize = 1 });
        var all = new List<string>();
        await foreach (var instance in Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "client-page-", PageSize = 1, Statuses = [OrchestrationStatus.Completed] }))
        {
            all.Add(instance.InstanceId);
        }

        var none = await Client.QueryInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "client-page-", Statuses = [OrchestrationStatus.Running] });
        var named = await Client.QueryInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "client-page-", Name = "NoSuchOrchestrator" });

        Assert.Single(first.Instances);
        Assert.NotNull(first.ContinuationToken);
        Assert.Equal(ids, all.Order(StringComparer.Ordinal));
        Assert.Empty(none.Instances);
        Assert.Null(none.ContinuationToken);
        Assert.Empty(named.Instances);
    }

    [Fact]
    public async Task PurgeAll_CreatedRange_DeletesOnlyFinishedInstancesInIt()
    {
        var from = DateTime.UtcNow.AddSeconds(-1);
        await Client.ScheduleNewOrchestrationInstanceAsync(nameof(SimulationRun), ManagedApp.Run("client-purge-all-1", 3), new StartOrchestrationOptions("client-purge-all-1"));
        await Client.ScheduleNewOrchestrationInstanceAsync(nameof(SimulationRun), ManagedApp.Run("client-purge-all-2", 3), new StartOrchestrationOptions("client-purge-all-2"));
        await Client.ScheduleNewOrchestrationInstanceAsync(nameof(SimulationRun), ManagedApp.Run("client-purge-all-run", LongRun), new StartOrchestrationOptions("client-purge-all-run"));
        await Client.WaitForInstanceCompletionAsync("client-purge-all-1");
        await Client.WaitForInstanceCompletionAsync("client-purge-all-2");
        try
        {
            var purged = await Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(from, DateTime.UtcNow.AddSeconds(1)));
            var nothingLeft = await Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(from, DateTime.UtcNow.AddSeconds(1), [OrchestrationStatus.Completed]));

            Assert.True(purged.PurgedInstanceCount >= 2, $"purged {purged.PurgedInstanceCount}");
            Assert.Equal(0, nothingLeft.PurgedInstanceCount);
            Assert.Null(await Client.GetInstanceAsync("client-purge-all-1"));
            Assert.Null(await Client.GetInstanceAsync("client-purge-all-2"));
            Assert.NotNull(await Client.GetInstanceAsync("client-purge-all-run"));
        }
        finally
        {
            await Client.TerminateInstanceAsync("client-purge-all-run");
        }
    }

    [Fact]
    public async Task AnyCall_NotBound_ThrowsNamingTheDurableClientBinding()
    {
        using var http = new HttpClient();
        var unbound = new DurableHttpClient(http);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => unbound.GetInstanceAsync("client-short"));

        Assert.Contains("durableClient", error.Message, StringComparison.Ordinal);
        Assert.Null(unbound.Binding);
    }

    [Fact]
    public async Task AnyCall_WithoutToken_FailsWith401AndNeverShowsTheKey()
    {
        using var http = new HttpClient();
        var anonymous = new DurableHttpClient(http, app.Binding);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => anonymous.GetInstanceAsync("client-short"));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.DoesNotContain("not-a-real-key", error.Message, StringComparison.Ordinal);
    }
}
