using DurableTask.Core;
using DurableTask.Core.Query;
using AlreadyExists = DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException;
using CoreQuery = DurableTask.Core.Query.OrchestrationQuery;
using CoreJson = DurableTask.Core.Serializing.JsonDataConverter;

namespace Swarm.Durable.Conformance.OrchestrationService;

/// <summary>
/// The behaviour every DurableTask.Core <see cref="IOrchestrationService"/> Swarm runs on must have, checked end to end
/// through DurableTask.Core's own <see cref="TaskHubWorker"/> and <see cref="TaskHubClient"/>. A backend's test class
/// derives from this one and supplies the store; xunit runs the inherited facts unchanged on each backend.
/// </summary>
/// <remarks>
/// The official Azure Storage provider is the reference: where a backend disagrees with it, the backend is wrong.
/// Each test gets a fresh store. Waits are bounded by <see cref="Patience"/> so a broken backend fails instead of
/// hanging; no test asserts a duration.
/// </remarks>
public abstract class OrchestrationServiceConformanceTests : IAsyncLifetime
{
    private static readonly CoreJson Json = CoreJson.Default;
    private readonly List<TaskHubWorker> _workers = [];
    private readonly List<IOrchestrationService> _services = [];
    private IOrchestrationService? _service;
    private TaskHubClient? _client;

    /// <summary>Upper bound for any single wait, so a broken backend fails rather than hangs.</summary>
    protected static TimeSpan Patience { get; } = TimeSpan.FromSeconds(60);

    /// <summary>The test's first service over its store.</summary>
    protected IOrchestrationService Service => _service ?? throw new InvalidOperationException("Call InitializeAsync first.");

    /// <summary>A client over <see cref="Service"/>.</summary>
    protected TaskHubClient Client => _client ?? throw new InvalidOperationException("Call InitializeAsync first.");

    /// <summary>Activities in the fan-out fact; a slow backend keeps it small.</summary>
    protected virtual int FanOutSize => 500;

    /// <summary>Activities in the chain fact.</summary>
    protected virtual int ChainLength => 50;

    /// <summary>Creates a service over a new, empty store.</summary>
    protected abstract Task<IOrchestrationService> CreateStoreAsync();

    /// <summary>Opens another service over the same store, as a second or restarted worker process would.</summary>
    /// <param name="shortLocks">Whether its work-item locks should expire within a few seconds.</param>
    protected abstract Task<IOrchestrationService> OpenSameStoreAsync(bool shortLocks = false);

    /// <inheritdoc />
    public virtual async Task InitializeAsync()
    {
        _service = await CreateStoreAsync();
        _services.Add(_service);
        await _service.CreateIfNotExistsAsync();
        _client = new TaskHubClient((IOrchestrationServiceClient)_service);
    }

    /// <inheritdoc />
    public virtual async Task DisposeAsync()
    {
        foreach (var worker in _workers)
        {
            await StopQuietlyAsync(worker);
        }

        foreach (var service in _services)
        {
            await DisposeServiceAsync(service);
        }
    }

    /// <summary>Takes ownership of a service opened by a test, disposing it with the test.</summary>
    protected T Own<T>(T service) where T : IOrchestrationService
    {
        _services.Add(service);
        return service;
    }

    /// <summary>Starts a worker with every test orchestration and activity registered, failures carried as details.</summary>
    protected async Task<TaskHubWorker> StartWorkerAsync(IOrchestrationService? service = null)
    {
        var worker = new TaskHubWorker(service ?? Service) { ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails };
        worker.AddTaskOrchestrations(
            typeof(Chain), typeof(FanOut), typeof(ChainParent), typeof(Failing), typeof(FailingParent), typeof(Retrying),
            typeof(Countdown), typeof(Sleeper), typeof(Approval), typeof(EchoTwice));
        worker.AddTaskActivities(typeof(Increment), typeof(Echo), typeof(Flaky));
        await worker.StartAsync();
        _workers.Add(worker);
        return worker;
    }

    /// <summary>A fresh instance id, readable in a failure message.</summary>
    protected static string NewId(string prefix = "i") => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary>Starts <paramref name="orchestration"/> and waits for it to finish.</summary>
    protected async Task<OrchestrationState> RunAsync(Type orchestration, object input, string? instanceId = null)
    {
        var instance = await Client.CreateOrchestrationInstanceAsync(orchestration, instanceId ?? NewId(), input);
        return await WaitAsync(instance);
    }

    /// <summary>Waits for <paramref name="instance"/> to finish; fails after <see cref="Patience"/>.</summary>
    protected async Task<OrchestrationState> WaitAsync(OrchestrationInstance instance)
    {
        var state = await Client.WaitForOrchestrationAsync(instance, Patience);
        if (state is null || !IsFinished(state.OrchestrationStatus))
        {
            var now = await Client.GetOrchestrationStateAsync(instance.InstanceId);
            Assert.Fail($"Instance {instance.InstanceId} did not finish within {Patience}; it is {now?.OrchestrationStatus.ToString() ?? "unknown"}.");
        }

        return state!;
    }

    /// <summary>Waits until <paramref name="instanceId"/> reports <paramref name="status"/>; fails after <see cref="Patience"/>.</summary>
    protected async Task<OrchestrationState> WaitForStatusAsync(string instanceId, OrchestrationStatus status)
    {
        var deadline = DateTime.UtcNow + Patience;
        OrchestrationState? state = null;
        while (DateTime.UtcNow < deadline)
        {
            state = await Client.GetOrchestrationStateAsync(instanceId);
            if (state?.OrchestrationStatus == status)
            {
                return state;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"Instance {instanceId} did not reach {status} within {Patience}; it is {state?.OrchestrationStatus.ToString() ?? "unknown"}.");
        return null!;
    }

    /// <summary>The instance's output, deserialized.</summary>
    protected static T Output<T>(OrchestrationState state) => Json.Deserialize<T>(state.Output)!;

    private static bool IsFinished(OrchestrationStatus status) => status is OrchestrationStatus.Completed or OrchestrationStatus.Failed
        or OrchestrationStatus.Terminated or OrchestrationStatus.Canceled;

    // ---- facts ----

    [Fact]
    public async Task ActivityChainRunsInOrder()
    {
        await StartWorkerAsync();
        var state = await RunAsync(typeof(Chain), ChainLength);
        Assert.Equal(OrchestrationStatus.Completed, state.OrchestrationStatus);
        Assert.Equal(ChainLength, Output<int>(state));
    }

    [Fact]
    public async Task FanOutFanInGathersEveryResult()
    {
        await StartWorkerAsync();
        var state = await RunAsync(typeof(FanOut), FanOutSize);
        Assert.Equal(OrchestrationStatus.Completed, state.OrchestrationStatus);
        Assert.Equal((long)FanOutSize * (FanOutSize + 1) / 2, Output<long>(state));
    }

    [Fact]
    public async Task SubOrchestrationReturnsItsResult()
    {
        await StartWorkerAsync();
        var id = NewId("parent");
        var state = await RunAsync(typeof(ChainParent), 3, id);
        Assert.Equal(OrchestrationStatus.Completed, state.OrchestrationStatus);
        Assert.Equal(6, Output<int>(state));
        var child = await Client.GetOrchestrationStateAsync(id + ":child");
        Assert.Equal(OrchestrationStatus.Completed, child?.OrchestrationStatus);
    }

    [Fact]
    public async Task SubOrchestrationFailurePropagatesItsDetails()
    {
        await StartWorkerAsync();
        var state = await RunAsync(typeof(FailingParent), "the child broke");
        Assert.Equal(OrchestrationStatus.Completed, state.OrchestrationStatus);
        Assert.Equal($"{typeof(InvalidOperationException).FullName}|the child broke", Output<string>(state));
    }

    [Fact]
    public async Task FailedOrchestrationReportsFailureDetails()
    {
        await StartWorkerAsync();
        var state = await RunAsync(typeof(Failing), "top-level failure");
        Assert.Equal(OrchestrationStatus.Failed, state.OrchestrationStatus);
        // The Azure Storage provider reports the failure in the output only (its state has no FailureDetails), so that is what is held to.
        Assert.Contains("top-level failure", state.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetryPolicyRetriesAFailingActivity()
    {
        await StartWorkerAsync();
        var key = NewId("flaky");
        var state = await RunAsync(typeof(Retrying), key);
        Assert.Equal(OrchestrationStatus.Completed, state.OrchestrationStatus);
        Assert.Equal("ok after 3", Output<string>(state));
        Assert.Equal(3, Flaky.AttemptsFor(key));
    }

    [Fact]
    public async Task ContinueAsNewStartsFreshExecutions()
    {
        await StartWorkerAsync();
        var instance = await Client.CreateOrchestrationInstanceAsync(typeof(Countdown), NewId("countdown"), 3);
        var state = await WaitAsync(instance);
        Assert.Equal(OrchestrationStatus.Completed, state.OrchestrationStatus);
        Assert.Equal("liftoff", Output<string>(state));
        Assert.NotEqual(instance.ExecutionId, state.OrchestrationInstance.ExecutionId);
    }

    [Fact]
    public async Task DurableTimerFires()
    {
        await StartWorkerAsync();
        var state = await RunAsync(typeof(Sleeper), 1);
        Assert.Equal(OrchestrationStatus.Completed, state.OrchestrationStatus);
        Assert.Equal("woke", Output<string>(state));
    }

    [Fact]
    public async Task DurableTimerFiresAfterWorkerRestart()
    {
        var first = await StartWorkerAsync();
        var instance = await Client.CreateOrchestrationInstanceAsync(typeof(Sleeper), NewId("sleeper"), 4);
        await WaitForStatusAsync(instance.InstanceId, OrchestrationStatus.Running);
        await first.StopAsync(false);
        await Service.StopAsync(false);

        var restarted = Own(await OpenSameStoreAsync());
        await StartWorkerAsync(restarted);
        var state = await new TaskHubClient((IOrchestrationServiceClient)restarted).WaitForOrchestrationAsync(instance, Patience);
        Assert.Equal(OrchestrationStatus.Completed, state?.OrchestrationStatus);
        Assert.Equal("woke", Output<string>(state!));
    }

    [Fact]
    public async Task RaisedEventReachesTheWaitingOrchestration()
    {
        await StartWorkerAsync();
        var instance = await Client.CreateOrchestrationInstanceAsync(typeof(Approval), NewId("approval"), "order-7");
        await WaitForStatusAsync(instance.InstanceId, OrchestrationStatus.Running);
        await Client.RaiseEventAsync(instance, Approval.EventName, "approved");
        var state = await WaitAsync(instance);
        Assert.Equal(OrchestrationStatus.Completed, state.OrchestrationStatus);
        Assert.Equal("order-7:approved", Output<string>(state));
    }

    [Fact]
    public async Task TerminateEndsARunningOrchestration()
    {
        await StartWorkerAsync();
        var instance = await Client.CreateOrchestrationInstanceAsync(typeof(Approval), NewId("terminate"), "never approved");
        await WaitForStatusAsync(instance.InstanceId, OrchestrationStatus.Running);
        await Client.TerminateInstanceAsync(instance, "no longer wanted");
        var state = await WaitAsync(instance);
        Assert.Equal(OrchestrationStatus.Terminated, state.OrchestrationStatus);
    }

    [Fact]
    public async Task SuspendHoldsEventsUntilResume()
    {
        await StartWorkerAsync();
        var instance = await Client.CreateOrchestrationInstanceAsync(typeof(Approval), NewId("suspend"), "held");
        await WaitForStatusAsync(instance.InstanceId, OrchestrationStatus.Running);
        await Client.SuspendInstanceAsync(instance, "paused by test");
        await WaitForStatusAsync(instance.InstanceId, OrchestrationStatus.Suspended);
        await Client.RaiseEventAsync(instance, Approval.EventName, "approved");
        // The event is taken in but not acted on: the instance stays suspended until resumed.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(OrchestrationStatus.Suspended, (await Client.GetOrchestrationStateAsync(instance.InstanceId))?.OrchestrationStatus);

        await Client.ResumeInstanceAsync(instance, "resumed by test");
        var state = await WaitAsync(instance);
        Assert.Equal(OrchestrationStatus.Completed, state.OrchestrationStatus);
        Assert.Equal("held:approved", Output<string>(state));
    }

    [Fact]
    public async Task QueryFiltersByStatusPrefixAndTimeAndPages()
    {
        await StartWorkerAsync();
        var done = Enumerable.Range(0, 3).Select(i => $"q-done-{i}-{Guid.NewGuid():N}").ToList();
        foreach (var id in done)
        {
            await RunAsync(typeof(Chain), 1, id);
        }

        var waiting = Enumerable.Range(0, 2).Select(i => $"q-wait-{i}-{Guid.NewGuid():N}").ToList();
        foreach (var id in waiting)
        {
            await Client.CreateOrchestrationInstanceAsync(typeof(Approval), id, "query");
            await WaitForStatusAsync(id, OrchestrationStatus.Running);
        }

        var query = (IOrchestrationServiceQueryClient)Service;
        var completed = await QueryAllAsync(query, new CoreQuery { RuntimeStatus = [OrchestrationStatus.Completed], PageSize = 2 });
        Assert.Equal(done.Order(StringComparer.Ordinal), completed.Select(s => s.OrchestrationInstance.InstanceId).Order(StringComparer.Ordinal));

        var prefixed = await QueryAllAsync(query, new CoreQuery { InstanceIdPrefix = "q-wait-", PageSize = 10 });
        Assert.Equal(waiting.Order(StringComparer.Ordinal), prefixed.Select(s => s.OrchestrationInstance.InstanceId).Order(StringComparer.Ordinal));
        Assert.All(prefixed, s => Assert.Equal(OrchestrationStatus.Running, s.OrchestrationStatus));

        var future = await QueryAllAsync(query, new CoreQuery { CreatedTimeFrom = DateTime.UtcNow.AddHours(1) });
        Assert.Empty(future);
        var all = await QueryAllAsync(query, new CoreQuery { CreatedTimeFrom = DateTime.UtcNow.AddHours(-1), PageSize = 1 });
        Assert.Equal(5, all.Count);
    }

    private static async Task<List<OrchestrationState>> QueryAllAsync(IOrchestrationServiceQueryClient query, CoreQuery filter)
    {
        var states = new List<OrchestrationState>();
        for (var page = 0; page < 100; page++)
        {
            var result = await query.GetOrchestrationWithQueryAsync(filter, CancellationToken.None);
            states.AddRange(result.OrchestrationState);
            if (string.IsNullOrEmpty(result.ContinuationToken))
            {
                return states;
            }

            filter.ContinuationToken = result.ContinuationToken;
        }

        Assert.Fail("The query kept returning continuation tokens.");
        return states;
    }

    [Fact]
    public async Task PurgeOneRemovesTheInstance()
    {
        await StartWorkerAsync();
        var id = NewId("purge-one");
        await RunAsync(typeof(Chain), 2, id);
        var result = await ((IOrchestrationServicePurgeClient)Service).PurgeInstanceStateAsync(id);
        Assert.Equal(1, result.DeletedInstanceCount);
        Assert.Null(await Client.GetOrchestrationStateAsync(id));
    }

    [Fact]
    public async Task PurgeManyRemovesOnlyMatchingFinishedInstances()
    {
        await StartWorkerAsync();
        var since = DateTime.UtcNow.AddMinutes(-5);
        var done = Enumerable.Range(0, 3).Select(i => NewId($"purge-{i}")).ToList();
        foreach (var id in done)
        {
            await RunAsync(typeof(Chain), 1, id);
        }

        var failed = NewId("purge-failed");
        await RunAsync(typeof(Failing), "kept", failed);
        var running = NewId("purge-running");
        await Client.CreateOrchestrationInstanceAsync(typeof(Approval), running, "kept");
        await WaitForStatusAsync(running, OrchestrationStatus.Running);

        var result = await ((IOrchestrationServicePurgeClient)Service).PurgeInstanceStateAsync(
            new PurgeInstanceFilter(since, null, [OrchestrationStatus.Completed]));
        Assert.Equal(3, result.DeletedInstanceCount);
        foreach (var id in done)
        {
            Assert.Null(await Client.GetOrchestrationStateAsync(id));
        }

        Assert.Equal(OrchestrationStatus.Failed, (await Client.GetOrchestrationStateAsync(failed))?.OrchestrationStatus);
        Assert.Equal(OrchestrationStatus.Running, (await Client.GetOrchestrationStateAsync(running))?.OrchestrationStatus);
    }

    [Fact]
    public async Task ExpiredLockLetsAnotherWorkerTakeOver()
    {
        // The first worker takes the work item and is gone without completing or abandoning it, as a killed process would be.
        var doomed = Own(await OpenSameStoreAsync(shortLocks: true));
        await doomed.CreateIfNotExistsAsync();
        await doomed.StartAsync();
        var instance = await Client.CreateOrchestrationInstanceAsync(typeof(Chain), NewId("takeover"), 3);
        var taken = await LockWithinPatienceAsync(doomed);
        Assert.Equal(instance.InstanceId, taken.InstanceId);
        await doomed.StopAsync(true);

        var survivor = Own(await OpenSameStoreAsync(shortLocks: true));
        await StartWorkerAsync(survivor);
        var state = await WaitAsync(instance);
        Assert.Equal(OrchestrationStatus.Completed, state.OrchestrationStatus);
        Assert.Equal(3, Output<int>(state));
    }

    private static async Task<TaskOrchestrationWorkItem> LockWithinPatienceAsync(IOrchestrationService service)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            var workItem = await service.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
            if (workItem is not null)
            {
                return workItem;
            }
        }

        Assert.Fail($"No orchestration work item could be locked within {Patience}.");
        return null!;
    }

    [Fact]
    public async Task LargeInputsAndOutputsMakeTheRoundTrip()
    {
        await StartWorkerAsync();
        var random = new Random(7);
        var payload = new string(Enumerable.Range(0, 1 << 20).Select(_ => (char)random.Next('a', 'z' + 1)).ToArray());
        var id = NewId("large");
        var state = await RunAsync(typeof(EchoTwice), payload, id);
        Assert.Equal(OrchestrationStatus.Completed, state.OrchestrationStatus);
        Assert.Equal(payload, Output<string>(state));
        var stored = await Client.GetOrchestrationStateAsync(id);
        Assert.Equal(payload, Json.Deserialize<string>(stored!.Input));
    }

    [Fact]
    public async Task DuplicateInstanceIdIsRejectedByDedupeStatus()
    {
        var id = NewId("dedupe");
        OrchestrationStatus[] anyStatus =
        [
            OrchestrationStatus.Pending, OrchestrationStatus.Running, OrchestrationStatus.Completed,
            OrchestrationStatus.Failed, OrchestrationStatus.Terminated,
        ];
        var first = await Client.CreateOrchestrationInstanceAsync(typeof(Chain), id, 1, anyStatus);
        await Assert.ThrowsAsync<AlreadyExists>(
            () => Client.CreateOrchestrationInstanceAsync(typeof(Chain), id, 5, anyStatus));

        await StartWorkerAsync();
        var state = await WaitAsync(first);
        Assert.Equal(1, Output<int>(state));
        await Assert.ThrowsAsync<AlreadyExists>(
            () => Client.CreateOrchestrationInstanceAsync(typeof(Chain), id, 5, anyStatus));

        // Only live instances block a new one: once finished, the id can start again.
        var again = await Client.CreateOrchestrationInstanceAsync(typeof(Chain), id, 2, [OrchestrationStatus.Pending, OrchestrationStatus.Running]);
        var restarted = await WaitAsync(again);
        Assert.Equal(OrchestrationStatus.Completed, restarted.OrchestrationStatus);
        Assert.Equal(2, Output<int>(restarted));
    }

    private static async Task StopQuietlyAsync(TaskHubWorker worker)
    {
        try
        {
            await worker.StopAsync(true);
        }
        catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException)
        {
            // Already stopped by the test.
        }
    }

    private static async Task DisposeServiceAsync(IOrchestrationService service)
    {
        switch (service)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }
}
