using DurableTask.AzureStorage;
using DurableTask.Core;
using Swarm.Durable.Conformance.OrchestrationService;
using Swarm.Testing;

namespace Swarm.Durable.Tests.TaskHub;

/// <summary>
/// The orchestration-service conformance suite on DurableTask.AzureStorage against Azurite: the reference behaviour
/// the embedded task hub is held to. One task hub per test.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureStorageOrchestrationServiceConformanceTests(AzuriteFixture azurite) : OrchestrationServiceConformanceTests
{
    private readonly string _taskHub = $"swarm{Guid.NewGuid():N}"[..24];

    // Azurite answers each storage call in milliseconds, not microseconds: the heavy facts stay small here.
    protected override int FanOutSize => 50;

    protected override int ChainLength => 10;

    private AzureStorageOrchestrationServiceSettings Settings(bool shortLocks) => new()
    {
        TaskHubName = _taskHub,
        StorageAccountClientProvider = new StorageAccountClientProvider(azurite.ConnectionString),
        PartitionCount = 1,
        MaxQueuePollingInterval = TimeSpan.FromMilliseconds(500),
        ControlQueueVisibilityTimeout = shortLocks ? TimeSpan.FromSeconds(5) : TimeSpan.FromMinutes(1),
        WorkItemQueueVisibilityTimeout = shortLocks ? TimeSpan.FromSeconds(5) : TimeSpan.FromMinutes(1),
        LeaseAcquireInterval = TimeSpan.FromSeconds(1),
        LeaseRenewInterval = TimeSpan.FromSeconds(2),
        WorkerId = Guid.NewGuid().ToString("N"),
        // Reject a duplicate start (as the Durable extension does) instead of dropping it silently.
        ThrowExceptionOnInvalidDedupeStatus = true,
    };

    protected override Task<IOrchestrationService> CreateStoreAsync() =>
        Task.FromResult<IOrchestrationService>(new AzureStorageOrchestrationService(Settings(shortLocks: false)));

    protected override Task<IOrchestrationService> OpenSameStoreAsync(bool shortLocks = false) =>
        Task.FromResult<IOrchestrationService>(new AzureStorageOrchestrationService(Settings(shortLocks)));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        using var cleanup = new AzureStorageOrchestrationService(Settings(shortLocks: false));
        await cleanup.DeleteAsync();
    }
}
