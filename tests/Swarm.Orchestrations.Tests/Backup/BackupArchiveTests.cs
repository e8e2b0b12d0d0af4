using System.IO.Compression;
using System.Text;
using Swarm.Orchestrations.Backup;
using Swarm.Orchestrations.State;

namespace Swarm.Orchestrations.Tests.Backup;

/// <summary>The backup format, integrity checks and retention without the durable runtime.</summary>
public sealed class BackupArchiveTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("swarm-archive-").FullName;
    private readonly StateStore _store;
    private readonly BackupArchive _archive;

    public BackupArchiveTests()
    {
        _store = EmbeddedStateStore.Open(_folder);
        _archive = new BackupArchive(_store);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Theory]
    [InlineData(2026, 11, 22, 0, 0, 0, "backup-20261122")]
    [InlineData(2026, 11, 22, 23, 59, 59, "backup-20261122")]
    [InlineData(2027, 1, 1, 0, 0, 0, "backup-20270101")]
    [InlineData(1999, 12, 31, 12, 0, 0, "backup-19991231")]
    public void For_UtcTime_IsBackupDashUtcDay(int year, int month, int day, int hour, int minute, int second, string expected)
    {
        Assert.Equal(expected, BackupInstanceId.For(new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc)));
    }

    [Fact]
    public void For_LocalTime_UsesItsUtcDay()
    {
        var local = new DateTime(2026, 6, 1, 12, 0, 0, DateTimeKind.Local);

        Assert.Equal(BackupInstanceId.For(local.ToUniversalTime()), BackupInstanceId.For(local));
    }

    [Fact]
    public async Task TableFile_WriteThenRead_KeepsEveryRecordAndType()
    {
        var tables = await BackupData.SeedAsync(_store.Records);
        foreach (var table in tables)
        {
            var records = await _store.Records.QueryAsync(table).ToListAsync();

            var (content, rows, hash) = await BackupTableFile.WriteAsync(_store.Records.QueryAsync(table));
            var read = BackupTableFile.Read(content, table, "blob").ToList();

            Assert.Equal(records.Count, rows);
            Assert.Equal(BackupTableFile.Hash(content), hash);
            Assert.Equal(records.Count, read.Count);
            for (var i = 0; i < read.Count; i++)
            {
                Assert.Null(RecordDifference.Describe(records[i], read[i]));
                Assert.Equal(records[i].Properties.Keys.Order(), read[i].Properties.Keys.Order());
            }
        }
    }

    [Fact]
    public async Task ExportTable_Twice_WritesTheSameBlob()
    {
        await BackupData.SeedAsync(_store.Records);

        var first = await _archive.ExportTableAsync("b1", "Runs");
        var again = await _archive.ExportTableAsync("b1", "Runs");

        Assert.Equal(first, again);
        Assert.Equal(first.Sha256, BackupTableFile.Hash((await _store.Blobs.GetAsync(BackupLayout.Container, first.Blob))!));
    }

    [Fact]
    public void TableFile_NotGzip_ThrowsIntegrityErrorNamingTheBlob()
    {
        var error = Assert.Throws<BackupIntegrityException>(() => BackupTableFile.Read(Encoding.UTF8.GetBytes("plain text, not gzip"), "T", "b/T.jsonl.gz").ToList());

        Assert.Contains("b/T.jsonl.gz", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TableFile_LineThatIsNotARecord_ThrowsIntegrityErrorNamingTheLine()
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write("{\"pk\":\"p\",\"rk\":\"r\",\"p\":{}}\n{\"pk\":\"p\"}\n"u8);
        }

        var error = Assert.Throws<BackupIntegrityException>(() => BackupTableFile.Read(buffer.ToArray(), "T", "b/T.jsonl.gz").ToList());

        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_ManifestCountDiffers_ThrowsIntegrityErrorWithBothCounts()
    {
        await BackupData.SeedAsync(_store.Records);
        var export = await _archive.ExportTableAsync("b1", "Runs");
        await _archive.WriteManifestAsync(new BackupManifest(BackupManifest.CurrentFormat, "b1", BackupData.Instant, [export with { Rows = 44 }]));

        var error = await Assert.ThrowsAsync<BackupIntegrityException>(() => _archive.CheckAsync("b1"));

        Assert.Contains("holds 45 records, but the manifest says 44", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_BlobMissing_ThrowsIntegrityErrorNamingTheBlob()
    {
        await BackupData.SeedAsync(_store.Records);
        var export = await _archive.ExportTableAsync("b1", "Runs");
        await _archive.WriteManifestAsync(new BackupManifest(BackupManifest.CurrentFormat, "b1", BackupData.Instant, [export]));
        await _store.Blobs.DeleteAsync(BackupLayout.Container, export.Blob);

        var error = await Assert.ThrowsAsync<BackupIntegrityException>(() => _archive.CheckAsync("b1"));

        Assert.Contains($"blob '{export.Blob}' of table 'Runs' is missing", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"formatVersion\":1,\"backupId\":\"other\",\"createdAt\":\"2026-01-01T00:00:00Z\",\"tables\":[]}")]
    [InlineData("{\"formatVersion\":9,\"backupId\":\"b1\",\"createdAt\":\"2026-01-01T00:00:00Z\",\"tables\":[]}")]
    public async Task ReadManifest_NotThisBackupsManifest_ThrowsIntegrityError(string json)
    {
        await _store.Blobs.CreateContainerAsync(BackupLayout.Container);
        await _store.Blobs.PutAsync(BackupLayout.Container, BackupLayout.ManifestBlob("b1"), Encoding.UTF8.GetBytes(json));

        var error = await Assert.ThrowsAsync<BackupIntegrityException>(() => _archive.ReadManifestAsync("b1"));

        Assert.Contains("'b1'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyTable_GoodBackup_LeavesNoScratchTable()
    {
        await BackupData.SeedAsync(_store.Records);
        var export = await _archive.ExportTableAsync("b1", "Runs");

        await _archive.VerifyTableAsync("b1", export);

        Assert.DoesNotContain(await _store.Records.ListTablesAsync().ToListAsync(), t => t.StartsWith(BackupLayout.ScratchTablePrefix, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Restore_SelectedTable_RestoresOnlyItAndRejectsUnknownTables()
    {
        var tables = await BackupData.SeedAsync(_store.Records);
        var exports = new List<BackupTableExport>();
        foreach (var table in tables)
        {
            exports.Add(await _archive.ExportTableAsync("b1", table));
        }

        await _archive.WriteManifestAsync(new BackupManifest(BackupManifest.CurrentFormat, "b1", BackupData.Instant, exports));
        foreach (var table in tables)
        {
            await _store.Records.DeleteTableAsync(table);
        }

        var restorer = new BackupRestorer(_store);
        var result = await restorer.RestoreAsync("b1", ["Metrics"]);
        var unknown = await Assert.ThrowsAsync<ArgumentException>(() => restorer.RestoreAsync("b1", ["Nope"]));

        Assert.Equal([new RestoredTable("Metrics", 250)], result.Tables);
        Assert.Equal(["Metrics"], await _store.Records.ListTablesAsync().ToListAsync());
        Assert.Contains("'Nope'", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restore_OverNewerRecords_ReplacesBackedUpKeysAndKeepsOthers()
    {
        await BackupData.SeedAsync(_store.Records);
        var export = await _archive.ExportTableAsync("b1", "Quotas");
        await _archive.WriteManifestAsync(new BackupManifest(BackupManifest.CurrentFormat, "b1", BackupData.Instant, [export]));
        await _store.Records.UpsertAsync(new StateRecord("Quotas", "tenant", "a", new Dictionary<string, object?> { ["Limit"] = 99L }));
        await _store.Records.UpsertAsync(new StateRecord("Quotas", "tenant", "new", new Dictionary<string, object?> { ["Limit"] = 5L }));

        await new BackupRestorer(_store).RestoreAsync("b1");

        Assert.Equal(10L, (await _store.Records.GetAsync("Quotas", "tenant", "a"))!.GetInt64("Limit"));
        Assert.Equal(5L, (await _store.Records.GetAsync("Quotas", "tenant", "new"))!.GetInt64("Limit"));
    }

    [Fact]
    public async Task Retention_ManifestlessOrCurrentBackup_IsNeverDeleted()
    {
        await _store.Blobs.CreateContainerAsync(BackupLayout.Container);
        await _store.Blobs.PutAsync(BackupLayout.Container, "half-done/Runs.jsonl.gz", new byte[] { 1 });
        await _archive.WriteManifestAsync(new BackupManifest(BackupManifest.CurrentFormat, "current", BackupData.Instant.AddYears(-5), []));
        await _archive.WriteManifestAsync(new BackupManifest(BackupManifest.CurrentFormat, "ancient", BackupData.Instant.AddYears(-5), []));

        var deleted = await new BackupRetention(_store).ApplyAsync(BackupData.Instant, 30, keep: "current");

        Assert.Equal(["ancient"], deleted);
        Assert.Equal(["current/manifest.json", "half-done/Runs.jsonl.gz"], await _store.Blobs.ListAsync(BackupLayout.Container).ToListAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("..")]
    [InlineData("a b")]
    public void Folder_InvalidBackupId_ThrowsArgument(string backupId)
    {
        Assert.Throws<ArgumentException>(() => BackupLayout.Folder(backupId));
    }

    [Fact]
    public void Describe_SameDataDifferentShapes_FindsNoDifference()
    {
        var a = new StateRecord("T", "p", "r", new Dictionary<string, object?> { ["N"] = 1, ["Gone"] = null, ["X"] = double.NaN, ["B"] = new byte[] { 1 } });
        var b = new StateRecord("U", "p", "r", new Dictionary<string, object?> { ["N"] = 1L, ["X"] = double.NaN, ["B"] = new byte[] { 1 } }, "W/\"e\"");

        Assert.Null(RecordDifference.Describe(a, b));
    }

    [Fact]
    public void Describe_TypeDiffers_NamesTheProperty()
    {
        var a = new StateRecord("T", "p", "r", new Dictionary<string, object?> { ["N"] = 1L });
        var b = new StateRecord("T", "p", "r", new Dictionary<string, object?> { ["N"] = 1.0 });

        Assert.Contains("'N'", RecordDifference.Describe(a, b), StringComparison.Ordinal);
    }
}
