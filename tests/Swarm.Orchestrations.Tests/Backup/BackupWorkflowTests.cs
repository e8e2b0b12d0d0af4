using DurableTask.Core;
using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Swarm.Orchestrations.Backup;
using Swarm.Orchestrations.State;

namespace Swarm.Orchestrations.Tests.Backup;

/// <summary>The Backup and RestoreBackup orchestrations on the embedded durable runtime over the embedded state store.</summary>
public sealed class BackupWorkflowTests
{
    private static readonly DateTime Day = new(2026, 11, 22, 3, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Backup_ThenWipeAndRestore_GivesIdenticalData()
    {
        await using var bed = await BackupHost.StartAsync();
        var tables = await BackupData.SeedAsync(bed.Store.Records);
        var before = await BackupData.SnapshotAsync(bed.Store.Records, tables);

        var start = await BackupTrigger.StartAsync(bed.Client, Day);
        var backup = await bed.WaitAsync(start.InstanceId);

        Assert.True(start.Started);
        Assert.Equal("backup-20261122", start.InstanceId);
        Assert.True(backup.RuntimeStatus == OrchestrationRuntimeStatus.Completed, backup.FailureDetails?.ToString());
        var result = backup.ReadOutputAs<BackupResult>()!;
        Assert.Equal("backup-20261122", result.BackupId);
        Assert.Equal(tables, result.Tables.Select(t => t.Table));
        Assert.Equal([0L, 250L, 2L, 45L], result.Tables.Select(t => t.Rows));
        Assert.Equal(297L, result.TotalRows);
        Assert.All(result.Tables, t => Assert.Equal($"backup-20261122/{t.Table}.jsonl.gz", t.Blob));
        Assert.All(result.Tables, t => Assert.Equal(BackupTableFile.Hash(bed.Store.Blobs.GetAsync(BackupLayout.Container, t.Blob).Result!), t.Sha256));
        var manifest = await new BackupArchive(bed.Store).ReadManifestAsync("backup-20261122");
        Assert.Equal(result.Tables, manifest.Tables);
        Assert.Equal(backup.CreatedAt.Date, manifest.CreatedAt.UtcDateTime.Date);
        var outcome = await bed.Store.Records.GetAsync(BackupLayout.OutcomeTable, BackupLayout.OutcomePartition, "backup-20261122");
        Assert.Equal("Succeeded", outcome!.GetString("Status"));
        Assert.Equal(297L, outcome.GetInt64("Rows"));
        Assert.Equal(4L, outcome.GetInt64("Tables"));
        Assert.DoesNotContain(await bed.Store.Records.ListTablesAsync().ToListAsync(), t => t.StartsWith(BackupLayout.ScratchTablePrefix, StringComparison.Ordinal));

        foreach (var table in tables)
        {
            await bed.Store.Records.DeleteTableAsync(table);
        }

        var restore = await bed.RunAsync(RestoreBackupOrchestrator.Name, new RestoreRequest("backup-20261122"), "restore-1");

        Assert.True(restore.RuntimeStatus == OrchestrationRuntimeStatus.Completed, restore.FailureDetails?.ToString());
        Assert.Equal([0L, 250L, 2L, 45L], restore.ReadOutputAs<RestoreResult>()!.Tables.Select(t => t.Rows));
        BackupData.AssertIdentical(before, await BackupData.SnapshotAsync(bed.Store.Records, tables));
        var restoredRun = await bed.Store.Records.GetAsync("Runs", "sweep-0", "run-000");
        Assert.True(double.IsNaN(Assert.IsType<double>(restoredRun!.Properties["Score"])));
        Assert.Equal(long.MaxValue, Assert.IsType<long>(restoredRun.Properties["Seed"]));
    }

    [Fact]
    public async Task Backup_History_HoldsNamesCountsAndHashesButNoRecordData()
    {
        await using var bed = await BackupHost.StartAsync();
        await BackupData.SeedAsync(bed.Store.Records);

        var backup = await bed.RunAsync(BackupOrchestrator.Name, new BackupRequest(), "backup-history");
        // The task hub's own record of the history, as the backend stores it.
        var service = (IOrchestrationServiceClient)bed.Host.Service;
        var state = Assert.Single(await service.GetOrchestrationStateAsync("backup-history", allExecutions: false));
        var text = await service.GetOrchestrationHistoryAsync("backup-history", state.OrchestrationInstance.ExecutionId);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, backup.RuntimeStatus);
        Assert.Contains("Metrics.jsonl.gz", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Schelling", text, StringComparison.Ordinal);
        Assert.DoesNotContain("sweep-0", text, StringComparison.Ordinal);
        Assert.True(text.Length < 32 * 1024, $"history is {text.Length} characters");
    }

    [Fact]
    public async Task Backup_OutcomeTable_IsNotBackedUp()
    {
        await using var bed = await BackupHost.StartAsync();
        await BackupData.SeedAsync(bed.Store.Records);
        await bed.Store.Records.CreateTableAsync(BackupLayout.OutcomeTable);

        var backup = await bed.RunAsync(BackupOrchestrator.Name, new BackupRequest(ExcludedTables: ["Quotas"]), "backup-x");

        Assert.True(backup.RuntimeStatus == OrchestrationRuntimeStatus.Completed, backup.FailureDetails?.ToString());
        Assert.Equal(["Empty", "Metrics", "Runs"], backup.ReadOutputAs<BackupResult>()!.Tables.Select(t => t.Table));
    }

    [Fact]
    public async Task BackupTrigger_SameDayTwice_RunsOneBackup()
    {
        await using var bed = await BackupHost.StartAsync();
        await BackupData.SeedAsync(bed.Store.Records);

        var first = await BackupTrigger.StartAsync(bed.Client, Day);
        var racing = await BackupTrigger.StartAsync(bed.Client, Day.AddHours(5));
        var completed = await bed.WaitAsync(first.InstanceId);
        var outcome = await bed.Store.Records.GetAsync(BackupLayout.OutcomeTable, BackupLayout.OutcomePartition, first.InstanceId);
        var later = await BackupTrigger.StartAsync(bed.Client, Day.AddHours(20));

        Assert.True(first.Started);
        Assert.False(racing.Started);
        Assert.False(later.Started);
        Assert.Equal(first.InstanceId, racing.InstanceId);
        Assert.Equal(first.InstanceId, later.InstanceId);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, later.ExistingStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, completed.RuntimeStatus);
        var after = await bed.Client.GetInstanceAsync(first.InstanceId);
        Assert.Equal(completed.CreatedAt, after!.CreatedAt);
        Assert.Equal(outcome!.ETag, (await bed.Store.Records.GetAsync(BackupLayout.OutcomeTable, BackupLayout.OutcomePartition, first.InstanceId))!.ETag);
        var instances = await bed.Client.GetAllInstancesAsync().ToListAsync();
        Assert.Single(instances, i => i.InstanceId == first.InstanceId);
    }

    [Fact]
    public async Task ScheduleNew_SameBackupIdWithoutReplacing_ThrowsAlreadyExists()
    {
        await using var bed = await BackupHost.StartAsync();
        var id = BackupInstanceId.For(Day);
        var strict = new StartOrchestrationOptions(id) { DedupeStatuses = [nameof(OrchestrationRuntimeStatus.Completed), nameof(OrchestrationRuntimeStatus.Running), nameof(OrchestrationRuntimeStatus.Pending)] };
        await bed.Client.ScheduleNewOrchestrationInstanceAsync(BackupOrchestrator.Name, new BackupRequest(), strict);
        await bed.WaitAsync(id);

        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() =>
            bed.Client.ScheduleNewOrchestrationInstanceAsync(BackupOrchestrator.Name, new BackupRequest(), strict));

        var started = await BackupTrigger.StartAsync(bed.Client, Day);
        Assert.False(started.Started);
    }

    [Fact]
    public async Task Backup_BlobCorruptedOnWrite_FailsVerificationRecordsTheErrorAndKeepsOldBackups()
    {
        var folder = Directory.CreateTempSubdirectory("swarm-corrupt-");
        try
        {
            var real = EmbeddedStateStore.Open(folder.FullName);
            await BackupData.SeedAsync(real.Records);
            await SeedOldBackupAsync(real, "backup-20200101", new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero));
            await using var bed = await BackupHost.StartAsync(real with { Blobs = new CorruptingBlobStore(real.Blobs) });

            var backup = await bed.RunAsync(BackupOrchestrator.Name, new BackupRequest(RetentionDays: 7), "backup-20261122");

            Assert.Equal(OrchestrationRuntimeStatus.Failed, backup.RuntimeStatus);
            Assert.Contains("VerifyBackup", backup.FailureDetails!.ToString(), StringComparison.Ordinal);
            Assert.Contains("is corrupt", backup.FailureDetails.ToString(), StringComparison.Ordinal);
            Assert.Contains("SHA-256", backup.FailureDetails.ToString(), StringComparison.Ordinal);
            var outcome = await real.Records.GetAsync(BackupLayout.OutcomeTable, BackupLayout.OutcomePartition, "backup-20261122");
            Assert.Equal("Failed", outcome!.GetString("Status"));
            Assert.Contains("is corrupt", outcome.GetString("Error"), StringComparison.Ordinal);
            Assert.Contains("backup-20200101", await new BackupArchive(real).ListBackupIdsAsync());
            Assert.DoesNotContain(await real.Records.ListTablesAsync().ToListAsync(), t => t.StartsWith(BackupLayout.ScratchTablePrefix, StringComparison.Ordinal));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Restore_CorruptBlob_FailsWithClearErrorAndWritesNothing()
    {
        await using var bed = await BackupHost.StartAsync();
        var tables = await BackupData.SeedAsync(bed.Store.Records);
        var backup = await bed.RunAsync(BackupOrchestrator.Name, new BackupRequest(), "backup-20261122");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, backup.RuntimeStatus);
        var runsBlob = BackupLayout.TableBlob("backup-20261122", "Runs");
        var content = (await bed.Store.Blobs.GetAsync(BackupLayout.Container, runsBlob))!;
        content[^10] ^= 0xFF;
        await bed.Store.Blobs.PutAsync(BackupLayout.Container, runsBlob, content);
        foreach (var table in tables)
        {
            await bed.Store.Records.DeleteTableAsync(table);
        }

        var restore = await bed.RunAsync(RestoreBackupOrchestrator.Name, new RestoreRequest("backup-20261122"), "restore-corrupt");
        var direct = await Assert.ThrowsAsync<BackupIntegrityException>(() => new BackupRestorer(bed.Store).RestoreAsync("backup-20261122"));

        Assert.Equal(OrchestrationRuntimeStatus.Failed, restore.RuntimeStatus);
        Assert.Contains($"Backup 'backup-20261122' is corrupt: blob '{runsBlob}'", restore.FailureDetails!.ToString(), StringComparison.Ordinal);
        Assert.Contains(runsBlob, direct.Message, StringComparison.Ordinal);
        Assert.Contains("SHA-256", direct.Message, StringComparison.Ordinal);
        Assert.Empty((await bed.Store.Records.ListTablesAsync().ToListAsync()).Intersect(tables));
    }

    [Fact]
    public async Task Restore_UnknownBackup_FailsSayingThereIsNoManifest()
    {
        await using var bed = await BackupHost.StartAsync();

        var restore = await bed.RunAsync(RestoreBackupOrchestrator.Name, new RestoreRequest("backup-19990101"), "restore-none");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, restore.RuntimeStatus);
        Assert.Contains("Backup 'backup-19990101' has no manifest", restore.FailureDetails!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backup_Retention_DeletesOnlyBackupsOlderThanTheRetentionPeriod()
    {
        await using var bed = await BackupHost.StartAsync();
        await BackupData.SeedAsync(bed.Store.Records);
        await bed.Store.Blobs.CreateContainerAsync(BackupLayout.Container);
        await bed.Store.Blobs.PutAsync(BackupLayout.Container, "backup-20000101/Runs.jsonl.gz", new byte[] { 1 });

        var backup = await bed.RunAsync(BackupOrchestrator.Name, new BackupRequest(RetentionDays: 10), "backup-now");
        var now = backup.ReadOutputAs<BackupResult>()!;
        var manifest = await new BackupArchive(bed.Store).ReadManifestAsync("backup-now");
        await SeedOldBackupAsync(bed.Store, "backup-old", manifest.CreatedAt.AddDays(-10).AddSeconds(-1));
        await SeedOldBackupAsync(bed.Store, "backup-young", manifest.CreatedAt.AddDays(-10).AddMinutes(5));

        var second = await bed.RunAsync(BackupOrchestrator.Name, new BackupRequest(RetentionDays: 10), "backup-next");

        Assert.Empty(now.DeletedBackups);
        Assert.True(second.RuntimeStatus == OrchestrationRuntimeStatus.Completed, second.FailureDetails?.ToString());
        Assert.Equal(["backup-old"], second.ReadOutputAs<BackupResult>()!.DeletedBackups);
        Assert.Equal(["backup-next", "backup-now", "backup-young"], await new BackupArchive(bed.Store).ListBackupIdsAsync());
        Assert.Empty(await bed.Store.Blobs.ListAsync(BackupLayout.Container, "backup-old/").ToListAsync());
        Assert.Single(await bed.Store.Blobs.ListAsync(BackupLayout.Container, "backup-20000101/").ToListAsync());
        Assert.Equal(1L, (await bed.Store.Records.GetAsync(BackupLayout.OutcomeTable, BackupLayout.OutcomePartition, "backup-next"))!.GetInt64("DeletedBackups"));
    }

    [Fact]
    public async Task Backup_NonPositiveRetention_FailsWithClearError()
    {
        await using var bed = await BackupHost.StartAsync();

        var backup = await bed.RunAsync(BackupOrchestrator.Name, new BackupRequest(RetentionDays: 0), "backup-bad");

        Assert.Equal(OrchestrationRuntimeStatus.Failed, backup.RuntimeStatus);
        Assert.Contains("RetentionDays must be at least 1", backup.FailureDetails!.ToString(), StringComparison.Ordinal);
    }

    private static async Task SeedOldBackupAsync(StateStore store, string backupId, DateTimeOffset createdAt)
    {
        var archive = new BackupArchive(store);
        await store.Records.CreateTableAsync("Old");
        await store.Records.UpsertAsync(new StateRecord("Old", "p", "r", new Dictionary<string, object?> { ["V"] = 1L }));
        var export = await archive.ExportTableAsync(backupId, "Old");
        await archive.WriteManifestAsync(new BackupManifest(BackupManifest.CurrentFormat, backupId, createdAt, [export]));
        await store.Records.DeleteTableAsync("Old");
    }
}
