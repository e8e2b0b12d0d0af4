using DurableTask.Core;
using Swarm.Durable.Conformance.OrchestrationService;
using Swarm.Durable.Embedded;

namespace Swarm.Durable.Tests.TaskHub;

/// <summary>The orchestration-service conformance suite on the embedded SQLite task hub, one file per test, plus its own facts.</summary>
public sealed class SqliteOrchestrationServiceConformanceTests : OrchestrationServiceConformanceTests
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "swarm-taskhub-tests", Guid.NewGuid().ToString("N"));

    private string FilePath => Path.Combine(_folder, "taskhub.db");

    protected override int FanOutSize => 2_000;

    protected override int ChainLength => 200;

    private SqliteOrchestrationServiceOptions Options(bool shortLocks, int maxDispatchAttempts = 10) => new(FilePath)
    {
        LockDuration = shortLocks ? TimeSpan.FromSeconds(3) : TimeSpan.FromSeconds(30),
        ExtendedSessionIdleTimeout = TimeSpan.FromSeconds(1),
        MaxPollInterval = TimeSpan.FromMilliseconds(100),
        MaxDispatchAttempts = maxDispatchAttempts,
    };

    protected override Task<IOrchestrationService> CreateStoreAsync() =>
        Task.FromResult<IOrchestrationService>(new SqliteOrchestrationService(Options(shortLocks: false)));

    protected override Task<IOrchestrationService> OpenSameStoreAsync(bool shortLocks = false) =>
        Task.FromResult<IOrchestrationService>(new SqliteOrchestrationService(Options(shortLocks)));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A dispatcher still winding down can recreate the -wal/-shm files; the temp folder is the OS's to clean then.
        }
    }

    [Fact]
    public async Task RepeatedProcessingFailureIsPoison()
    {
        // No worker knows this orchestration, so every dispatch fails the same way on a healthy machine.
        var service = Own(new SqliteOrchestrationService(Options(shortLocks: false, maxDispatchAttempts: 3)));
        await StartWorkerAsync(service);
        var client = new TaskHubClient(service);
        var instance = await client.CreateOrchestrationInstanceAsync("NoSuchOrchestration", string.Empty, NewId("poison"), "input");
        var state = await client.WaitForOrchestrationAsync(instance, Patience);
        Assert.Equal(OrchestrationStatus.Failed, state?.OrchestrationStatus);
        Assert.Equal("PoisonMessage", state!.FailureDetails?.ErrorType);
        Assert.Contains("3 times", state.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnActivityThatNeverCompletesIsPoison()
    {
        // No worker has the activity: every dispatch of it fails the same way, and the orchestration gets the failure.
        var service = Own(new SqliteOrchestrationService(Options(shortLocks: false, maxDispatchAttempts: 1)));
        var worker = new TaskHubWorker(service) { ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails };
        worker.AddTaskOrchestrations(typeof(CallsMissingActivity));
        await worker.StartAsync();
        try
        {
            var client = new TaskHubClient(service);
            var instance = await client.CreateOrchestrationInstanceAsync(typeof(CallsMissingActivity), NewId("poison-activity"), "input");
            var state = await client.WaitForOrchestrationAsync(instance, Patience);
            Assert.Equal(OrchestrationStatus.Completed, state?.OrchestrationStatus);
            Assert.Equal("PoisonMessage", Output<string>(state!));
        }
        finally
        {
            await worker.StopAsync(true);
        }
    }

    [Fact]
    public async Task ExtendedSessionsKeepAChainFromReplayingEachEpisode()
    {
        // Without a session every one of the 100 episodes would replay the history from the top: 101 starts.
        var worker = new TaskHubWorker(Service) { ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails };
        worker.AddTaskOrchestrations(typeof(CountedChain));
        worker.AddTaskActivities(typeof(Increment));
        await worker.StartAsync();
        try
        {
            var id = NewId("counted");
            var state = await RunAsync(typeof(CountedChain), 100, id);
            Assert.Equal(100, Output<int>(state));
            Assert.InRange(CountedChain.StartsOf(id), 1, 10);
        }
        finally
        {
            await worker.StopAsync(true);
        }
    }
}
