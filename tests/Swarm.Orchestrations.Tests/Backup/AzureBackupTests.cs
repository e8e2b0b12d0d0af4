using Microsoft.DurableTask.Client;
using Swarm.Orchestrations.Backup;
using Swarm.Orchestrations.State;
using Swarm.Testing;

namespace Swarm.Orchestrations.Tests.Backup;

/// <summary>The backup workflow over the Azure state store, served by Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureBackupTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Backup_ThenWipeAndRestore_OnAzureStorage_GivesIdenticalData()
    {
        var store = AzureStateStore.Open(azurite.ConnectionString);
        var prefix = "B" + Guid.NewGuid().ToString("N")[..8];
        var tables = await BackupData.SeedAsync(store.Records, prefix);
        var others = (await store.Records.ListTablesAsync().ToListAsync()).Where(t => !tables.Contains(t)).ToList();
        var before = await BackupData.SnapshotAsync(store.Records, tables);
        await using var bed = await BackupHost.StartAsync(store);
        var backupId = "backup-" + prefix.ToLowerInvariant();

        var backup = await bed.RunAsync(BackupOrchestrator.Name, new BackupRequest(ExcludedTables: others), backupId);

        Assert.True(backup.RuntimeStatus == OrchestrationRuntimeStatus.Completed, backup.FailureDetails?.ToString());
        Assert.Equal(tables, backup.ReadOutputAs<BackupResult>()!.Tables.Select(t => t.Table));
        foreach (var table in tables)
        {
            await store.Records.DeleteTableAsync(table);
        }

        var restore = await bed.RunAsync(RestoreBackupOrchestrator.Name, new RestoreRequest(backupId), "restore-" + prefix);

        Assert.True(restore.RuntimeStatus == OrchestrationRuntimeStatus.Completed, restore.FailureDetails?.ToString());
        BackupData.AssertIdentical(before, await BackupData.SnapshotAsync(store.Records, tables));
        var run = await store.Records.GetAsync(prefix + "Runs", "sweep-1", "run-001");
        Assert.Equal(double.PositiveInfinity, Assert.IsType<double>(run!.Properties["Score"]));
        Assert.Equal(BackupData.Instant.AddTicks(1_234_567L), Assert.IsType<DateTimeOffset>(run.Properties["At"]));
        Assert.Equal(long.MaxValue - 1, Assert.IsType<long>(run.Properties["Seed"]));
        foreach (var table in tables)
        {
            await store.Records.DeleteTableAsync(table);
        }

        await new BackupArchive(store).DeleteBackupAsync(backupId);
    }
}
