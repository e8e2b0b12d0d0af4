using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Swarm.Durable.Embedded;
using Swarm.Durable.TaskHub;

namespace Swarm.Durable.Tests.TaskHub;

/// <summary>
/// The Durable Task SDK's orchestrations through <see cref="LocalTaskHub"/> on the SQLite task hub, end to end: the
/// SDK's worker (DurableTask.Core's dispatcher with the SDK's shims) and the SDK's gRPC client.
/// </summary>
public sealed class LocalTaskHubTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("swarm-local-hub-");

    public void Dispose()
    {
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // SQLite may hold a file a moment longer; the temp folder is cleaned by the OS.
        }
    }

    private Task<LocalTaskHub> StartAsync(Action<DurableTaskRegistry> tasks, LocalTaskHubOptions? options = null) =>
        LocalTaskHub.StartAsync(
            new SqliteOrchestrationService(new SqliteOrchestrationServiceOptions(Path.Combine(_folder.FullName, "durable.db")) { LockDuration = TimeSpan.FromSeconds(5) }),
            tasks,
            options: options);

    private static DurableTaskRegistry Sum(DurableTaskRegistry tasks) => tasks
        .AddOrchestratorFunc<int, int>("Sum", async (context, n) =>
        {
            var total = 0;
            for (var i = 1; i <= n; i++)
            {
                total += await context.CallActivityAsync<int>("Square", i);
            }

            return total;
        })
        .AddActivityFunc<int, int>("Square", (_, x) => x * x);

    [Fact]
    public async Task RunsAnSdkOrchestrationAndAnswersThroughTheSdkClient()
    {
        await using var hub = await StartAsync(tasks => Sum(tasks));

        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Sum", 4);
        using var timeout = new CancellationTokenSource(Patience);
        var done = await hub.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(30, done.ReadOutputAs<int>());
    }

    [Fact]
    public async Task DurableTimer_FiresAfterTheHubIsRestarted()
    {
        static void Tasks(DurableTaskRegistry tasks) => tasks.AddOrchestratorFunc<string, string>("Wait", async (context, input) =>
        {
            await context.CreateTimer(TimeSpan.FromSeconds(2), CancellationToken.None);
            return input + " later";
        });

        string id;
        await using (var first = await StartAsync(Tasks))
        {
            id = await first.Client.ScheduleNewOrchestrationInstanceAsync("Wait", "now");
            using var started = new CancellationTokenSource(Patience);
            await first.Client.WaitForInstanceStartAsync(id, started.Token);
        }

        await using var second = await StartAsync(Tasks);
        using var timeout = new CancellationTokenSource(Patience);
        var done = await second.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("now later", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task CodeChangedUnderARunningInstance_FailsItWithTheSdksNonDeterminismError()
    {
        string id;
        await using (var first = await StartAsync(tasks => tasks
            .AddOrchestratorFunc<int, int>("Approve", async (context, _) =>
            {
                await context.CallActivityAsync<int>("Check", 1);
                return await context.WaitForExternalEvent<int>("Approval");
            })
            .AddActivityFunc<int, int>("Check", (_, x) => x)))
        {
            id = await first.Client.ScheduleNewOrchestrationInstanceAsync("Approve", 0);
            using var waiting = new CancellationTokenSource(Patience);
            while ((await first.Client.GetInstanceAsync(id, waiting.Token))?.RuntimeStatus != OrchestrationRuntimeStatus.Running)
            {
                await Task.Delay(20, waiting.Token);
            }

            // Let the activity's result reach history before the code changes.
            await Task.Delay(500, waiting.Token);
        }

        // The new version calls a differently named activity where the recorded history has "Check".
        await using var second = await StartAsync(tasks => tasks
            .AddOrchestratorFunc<int, int>("Approve", async (context, _) =>
            {
                await context.CallActivityAsync<int>("Verify", 1);
                return await context.WaitForExternalEvent<int>("Approval");
            })
            .AddActivityFunc<int, int>("Verify", (_, x) => x));
        await second.Client.RaiseEventAsync(id, "Approval", 7);
        using var timeout = new CancellationTokenSource(Patience);
        var done = await second.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Contains("NonDeterministic", done.FailureDetails!.ErrorType, StringComparison.Ordinal);
        Assert.Contains("Check", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SuspendResumeAndRaiseEvent_ReachTheInstanceThroughTheSdkClient()
    {
        await using var hub = await StartAsync(tasks => tasks.AddOrchestratorFunc<int, int>("Gate", async (context, _) =>
            await context.WaitForExternalEvent<int>("Open")));
        var id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Gate", 0);
        using var timeout = new CancellationTokenSource(Patience);
        await hub.Client.WaitForInstanceStartAsync(id, timeout.Token);

        await hub.Client.SuspendInstanceAsync(id, "hold", timeout.Token);
        while ((await hub.Client.GetInstanceAsync(id, timeout.Token))!.RuntimeStatus != OrchestrationRuntimeStatus.Suspended)
        {
            await Task.Delay(20, timeout.Token);
        }

        await hub.Client.RaiseEventAsync(id, "Open", 42, timeout.Token);
        await Task.Delay(300, timeout.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Suspended, (await hub.Client.GetInstanceAsync(id, timeout.Token))!.RuntimeStatus);
        await hub.Client.ResumeInstanceAsync(id, "go", timeout.Token);
        var done = await hub.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(42, done.ReadOutputAs<int>());
    }

    [Fact]
    public async Task ClientOnly_SubmitsWithoutRunningTheWork()
    {
        await using (var clientOnly = await StartAsync(tasks => Sum(tasks), new LocalTaskHubOptions { RunWorker = false }))
        {
            await clientOnly.Client.ScheduleNewOrchestrationInstanceAsync("Sum", 3, new StartOrchestrationOptions("submitted"));
            await Task.Delay(500);
            Assert.Equal(OrchestrationRuntimeStatus.Pending, (await clientOnly.Client.GetInstanceAsync("submitted"))!.RuntimeStatus);
        }

        await using var worker = await StartAsync(tasks => Sum(tasks));
        using var timeout = new CancellationTokenSource(Patience);
        var done = await worker.Client.WaitForInstanceCompletionAsync("submitted", getInputsAndOutputs: true, timeout.Token);
        Assert.Equal(14, done.ReadOutputAs<int>());
    }
}
