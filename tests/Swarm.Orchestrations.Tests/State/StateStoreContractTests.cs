using Swarm.Orchestrations.State;

namespace Swarm.Orchestrations.Tests.State;

/// <summary>
/// What every <see cref="StateStore"/> promises, run against each implementation by a derived class.
/// Every table and container name carries a prefix unique to the test, so stores shared between tests stay apart.
/// </summary>
public abstract class StateStoreContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset SomeTime = new(2026, 11, 22, 3, 4, 5, TimeSpan.FromHours(2));
    private readonly string _prefix = "T" + Guid.NewGuid().ToString("N")[..8];

    protected StateStore Store { get; private set; } = null!;

    private IRecordStore Records => Store.Records;

    private IBlobStore Blobs => Store.Blobs;

    /// <summary>Opens the store under test.</summary>
    protected abstract StateStore OpenStore();

    public virtual Task InitializeAsync()
    {
        Store = OpenStore();
        return Task.CompletedTask;
    }

    public virtual async Task DisposeAsync()
    {
        await foreach (var table in Records.ListTablesAsync())
        {
            if (table.StartsWith(_prefix, StringComparison.Ordinal))
            {
                await Records.DeleteTableAsync(table);
            }
        }

        foreach (var suffix in new[] { "a", "b", "blobs", "gone" })
        {
            await Blobs.DeleteContainerAsync(Container(suffix));
        }
    }

    protected string Table(string name) => _prefix + name;

    protected string Container(string name) => _prefix.ToLowerInvariant() + "-" + name;

    private async Task<string> CreatedTableAsync(string name)
    {
        var table = Table(name);
        await Records.CreateTableAsync(table);
        return table;
    }

    private static StateRecord Record(string table, string partition, string row, params (string Name, object? Value)[] properties) =>
        new(table, partition, row, properties.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal));

    // ---- typed properties ----

    [Fact]
    public async Task Get_EveryPropertyType_RoundTripsWithExactTypeAndValue()
    {
        var table = await CreatedTableAsync("Types");
        var everyByte = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var written = Record(table, "p", "r",
            ("Text", "héllo \"wörld\" ✓ \n tab\t"),
            ("Empty", ""),
            ("Max", long.MaxValue),
            ("Min", long.MinValue),
            ("Widened", 42),
            ("Real", 0.1),
            ("Whole", 2.0),
            ("Tiny", double.Epsilon),
            ("Huge", double.MaxValue),
            ("NotANumber", double.NaN),
            ("Plus", double.PositiveInfinity),
            ("Minus", double.NegativeInfinity),
            ("Yes", true),
            ("No", false),
            ("When", SomeTime.AddTicks(1234567)),
            ("Epoch", DateTimeOffset.UnixEpoch),
            ("Last", new DateTimeOffset(9999, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(9_999_999)),
            ("Bytes", everyByte));

        await Records.InsertAsync(written);
        var read = await Records.GetAsync(table, "p", "r");

        Assert.NotNull(read);
        Assert.Equal("héllo \"wörld\" ✓ \n tab\t", Assert.IsType<string>(read.Properties["Text"]));
        Assert.Equal("", Assert.IsType<string>(read.Properties["Empty"]));
        Assert.Equal(long.MaxValue, Assert.IsType<long>(read.Properties["Max"]));
        Assert.Equal(long.MinValue, Assert.IsType<long>(read.Properties["Min"]));
        Assert.Equal(42L, Assert.IsType<long>(read.Properties["Widened"]));
        Assert.Equal(0.1, Assert.IsType<double>(read.Properties["Real"]));
        Assert.Equal(2.0, Assert.IsType<double>(read.Properties["Whole"]));
        Assert.Equal(double.Epsilon, Assert.IsType<double>(read.Properties["Tiny"]));
        Assert.Equal(double.MaxValue, Assert.IsType<double>(read.Properties["Huge"]));
        Assert.True(double.IsNaN(Assert.IsType<double>(read.Properties["NotANumber"])));
        Assert.Equal(double.PositiveInfinity, Assert.IsType<double>(read.Properties["Plus"]));
        Assert.Equal(double.NegativeInfinity, Assert.IsType<double>(read.Properties["Minus"]));
        Assert.True(Assert.IsType<bool>(read.Properties["Yes"]));
        Assert.False(Assert.IsType<bool>(read.Properties["No"]));
        var when = Assert.IsType<DateTimeOffset>(read.Properties["When"]);
        Assert.Equal(SomeTime.AddTicks(1234567).UtcTicks, when.UtcTicks);
        Assert.Equal(TimeSpan.Zero, when.Offset);
        Assert.Equal(DateTimeOffset.UnixEpoch, Assert.IsType<DateTimeOffset>(read.Properties["Epoch"]));
        Assert.Equal(DateTimeOffset.MaxValue.UtcTicks, Assert.IsType<DateTimeOffset>(read.Properties["Last"]).UtcTicks);
        Assert.Equal(everyByte, Assert.IsType<byte[]>(read.Properties["Bytes"]));
        Assert.Equal(18, read.Properties.Count);
    }

    [Fact]
    public async Task Get_NullProperty_ReadsBackAsNullThroughTheAccessors()
    {
        var table = await CreatedTableAsync("Nulls");
        await Records.UpsertAsync(Record(table, "p", "r", ("Nothing", null), ("Something", 1L)));

        var read = await Records.GetAsync(table, "p", "r");

        Assert.NotNull(read);
        Assert.Null(read.GetString("Nothing"));
        Assert.Null(read.GetInt64("Nothing"));
        Assert.Equal(1L, read.GetInt64("Something"));
    }

    [Fact]
    public async Task Insert_UnsupportedPropertyType_ThrowsArgumentNamingTheProperty()
    {
        var table = await CreatedTableAsync("Bad");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Records.InsertAsync(Record(table, "p", "r", ("Price", 1.5m))));

        Assert.Contains("Price", error.Message, StringComparison.Ordinal);
        Assert.Null(await Records.GetAsync(table, "p", "r"));
    }

    // ---- insert, upsert, replace, delete ----

    [Fact]
    public async Task Insert_ExistingKey_ThrowsRecordConflictAndKeepsTheFirst()
    {
        var table = await CreatedTableAsync("Ins");
        await Records.InsertAsync(Record(table, "p", "r", ("V", 1L)));

        await Assert.ThrowsAsync<RecordConflictException>(() => Records.InsertAsync(Record(table, "p", "r", ("V", 2L))));

        Assert.Equal(1L, (await Records.GetAsync(table, "p", "r"))!.GetInt64("V"));
    }

    [Fact]
    public async Task Insert_NewRecord_ReturnsTheETagAGetReads()
    {
        var table = await CreatedTableAsync("ETags");

        var etag = await Records.InsertAsync(Record(table, "p", "r", ("V", 1L)));

        Assert.False(string.IsNullOrEmpty(etag));
        Assert.Equal(etag, (await Records.GetAsync(table, "p", "r"))!.ETag);
    }

    [Fact]
    public async Task Upsert_ExistingRecord_ReplacesEveryPropertyAndChangesTheETag()
    {
        var table = await CreatedTableAsync("Ups");
        var first = await Records.UpsertAsync(Record(table, "p", "r", ("Old", "x"), ("Kept", 1L)));

        var second = await Records.UpsertAsync(Record(table, "p", "r", ("Kept", 2L)));

        Assert.NotEqual(first, second);
        var read = await Records.GetAsync(table, "p", "r");
        Assert.Equal(2L, read!.GetInt64("Kept"));
        Assert.False(read.Properties.ContainsKey("Old"));
        Assert.Equal(second, read.ETag);
    }

    [Fact]
    public async Task Replace_CurrentETag_WritesAndReturnsANewETag()
    {
        var table = await CreatedTableAsync("Rep");
        await Records.InsertAsync(Record(table, "p", "r", ("V", 1L)));
        var read = await Records.GetAsync(table, "p", "r");

        var etag = await Records.ReplaceAsync(read! with { Properties = new Dictionary<string, object?> { ["V"] = 2L } });

        Assert.NotEqual(read!.ETag, etag);
        var again = await Records.GetAsync(table, "p", "r");
        Assert.Equal(2L, again!.GetInt64("V"));
        Assert.Equal(etag, again.ETag);
    }

    [Fact]
    public async Task Replace_StaleETag_ThrowsRecordConflictAndKeepsTheNewerWrite()
    {
        var table = await CreatedTableAsync("Stale");
        await Records.InsertAsync(Record(table, "p", "r", ("V", 1L)));
        var read = await Records.GetAsync(table, "p", "r");
        await Records.ReplaceAsync(read! with { Properties = new Dictionary<string, object?> { ["V"] = 2L } });

        await Assert.ThrowsAsync<RecordConflictException>(() => Records.ReplaceAsync(read! with { Properties = new Dictionary<string, object?> { ["V"] = 3L } }));

        Assert.Equal(2L, (await Records.GetAsync(table, "p", "r"))!.GetInt64("V"));
    }

    [Fact]
    public async Task Replace_DeletedRecord_ThrowsRecordConflictAndDoesNotRecreateIt()
    {
        var table = await CreatedTableAsync("Gone");
        await Records.InsertAsync(Record(table, "p", "r", ("V", 1L)));
        var read = await Records.GetAsync(table, "p", "r");
        await Records.DeleteAsync(table, "p", "r");

        await Assert.ThrowsAsync<RecordConflictException>(() => Records.ReplaceAsync(read!));

        Assert.Null(await Records.GetAsync(table, "p", "r"));
    }

    [Fact]
    public async Task Replace_WithoutETag_ThrowsArgument()
    {
        var table = await CreatedTableAsync("NoTag");
        await Records.InsertAsync(Record(table, "p", "r", ("V", 1L)));

        await Assert.ThrowsAsync<ArgumentException>(() => Records.ReplaceAsync(Record(table, "p", "r", ("V", 2L))));
    }

    [Fact]
    public async Task Delete_StaleETag_ThrowsRecordConflictAndKeepsTheRecord()
    {
        var table = await CreatedTableAsync("DelStale");
        var old = await Records.InsertAsync(Record(table, "p", "r", ("V", 1L)));
        await Records.UpsertAsync(Record(table, "p", "r", ("V", 2L)));

        await Assert.ThrowsAsync<RecordConflictException>(() => Records.DeleteAsync(table, "p", "r", old));

        Assert.NotNull(await Records.GetAsync(table, "p", "r"));
    }

    [Fact]
    public async Task Delete_CurrentETag_DeletesTheRecord()
    {
        var table = await CreatedTableAsync("DelOk");
        var etag = await Records.InsertAsync(Record(table, "p", "r", ("V", 1L)));

        await Records.DeleteAsync(table, "p", "r", etag);

        Assert.Null(await Records.GetAsync(table, "p", "r"));
    }

    [Fact]
    public async Task Delete_AbsentRecordOrTable_DoesNothing()
    {
        var table = await CreatedTableAsync("DelNone");

        await Records.DeleteAsync(table, "p", "absent");
        await Records.DeleteAsync(table, "p", "absent", "W/\"stale\"");
        await Records.DeleteAsync(Table("NeverMade"), "p", "r");

        Assert.Null(await Records.GetAsync(table, "p", "absent"));
    }

    // ---- batches ----

    [Fact]
    public async Task UpsertBatch_HundredRecords_WritesAllAndReplacesExisting()
    {
        var table = await CreatedTableAsync("Batch");
        await Records.InsertAsync(Record(table, "p", "r000", ("V", -1L), ("Old", "x")));
        var batch = Enumerable.Range(0, 100).Select(i => Record(table, "p", $"r{i:D3}", ("V", (long)i))).ToArray();

        await Records.UpsertBatchAsync(batch);

        var read = await Records.QueryAsync(table, "p").ToListAsync();
        Assert.Equal(100, read.Count);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (long)i), read.Select(r => r.GetInt64("V")!.Value));
        Assert.False(read[0].Properties.ContainsKey("Old"));
    }

    [Fact]
    public async Task QueryRange_RowsOfTwoPartitions_ReturnsOnlyThatPartitionsRowsBetweenTheBoundsInOrder()
    {
        var table = await CreatedTableAsync("Range");
        await Records.UpsertBatchAsync([.. Enumerable.Range(0, 20).Select(i => Record(table, "p", $"r{i:D3}", ("V", (long)i)))]);
        await Records.UpsertBatchAsync([.. Enumerable.Range(0, 20).Select(i => Record(table, "q", $"r{i:D3}", ("V", 100L + i)))]);

        var read = await Records.QueryRangeAsync(table, "p", "r005", "r009").ToListAsync();
        var none = await Records.QueryRangeAsync(table, "p", "r100", "r200").ToListAsync();
        var missingTable = await Records.QueryRangeAsync(Table("NeverMade"), "p", "a", "z").ToListAsync();

        Assert.Equal(["r005", "r006", "r007", "r008", "r009"], read.Select(r => r.RowKey));
        Assert.All(read, r => Assert.Equal("p", r.PartitionKey));
        Assert.Equal([5L, 6L, 7L, 8L, 9L], read.Select(r => r.GetInt64("V")!.Value));
        Assert.Empty(none);
        Assert.Empty(missingTable);
    }

    [Fact]
    public async Task UpsertBatch_OneRecordWithABadProperty_WritesNone()
    {
        var table = await CreatedTableAsync("Atomic");
        await Records.InsertAsync(Record(table, "p", "r1", ("V", 1L)));
        var batch = new[]
        {
            Record(table, "p", "r1", ("V", 10L)),
            Record(table, "p", "r2", ("V", 20L)),
            Record(table, "p", "r3", ("V", 1.5m)),
        };

        await Assert.ThrowsAsync<ArgumentException>(() => Records.UpsertBatchAsync(batch));

        Assert.Equal(1L, (await Records.GetAsync(table, "p", "r1"))!.GetInt64("V"));
        Assert.Null(await Records.GetAsync(table, "p", "r2"));
    }

    [Fact]
    public async Task UpsertBatch_OverHundredRecords_ThrowsArgumentAndWritesNone()
    {
        var table = await CreatedTableAsync("Big");
        var batch = Enumerable.Range(0, 101).Select(i => Record(table, "p", $"r{i:D3}", ("V", (long)i))).ToArray();

        await Assert.ThrowsAsync<ArgumentException>(() => Records.UpsertBatchAsync(batch));

        Assert.Empty(await Records.QueryAsync(table).ToListAsync());
    }

    [Fact]
    public async Task UpsertBatch_TwoPartitionsOrTables_ThrowsArgumentAndWritesNone()
    {
        var table = await CreatedTableAsync("Mixed");
        var other = await CreatedTableAsync("Other");

        await Assert.ThrowsAsync<ArgumentException>(() => Records.UpsertBatchAsync([Record(table, "p", "a"), Record(table, "q", "b")]));
        await Assert.ThrowsAsync<ArgumentException>(() => Records.UpsertBatchAsync([Record(table, "p", "a"), Record(other, "p", "b")]));

        Assert.Empty(await Records.QueryAsync(table).ToListAsync());
        Assert.Empty(await Records.QueryAsync(other).ToListAsync());
    }

    [Fact]
    public async Task UpsertBatch_Empty_DoesNothing()
    {
        var table = await CreatedTableAsync("Empty");

        await Records.UpsertBatchAsync([]);

        Assert.Empty(await Records.QueryAsync(table).ToListAsync());
    }

    // ---- queries ----

    [Fact]
    public async Task Query_ManyRecords_StreamsEveryRecordInPartitionThenRowOrdinalOrder()
    {
        var table = await CreatedTableAsync("Order");
        var keys = new List<(string Partition, string Row)>();
        foreach (var partition in new[] { "b", "A", "a", "O'Brien", "a b" })
        {
            foreach (var row in new[] { "10", "9", "Z", "a", "aa", "a0", "_", "~", "B" })
            {
                keys.Add((partition, row));
            }
        }

        var shuffle = new Random(17);
        foreach (var (partition, row) in keys.OrderBy(_ => shuffle.Next()))
        {
            await Records.InsertAsync(Record(table, partition, row, ("Key", partition + "|" + row)));
        }

        var read = await Records.QueryAsync(table).ToListAsync();

        var expected = keys.OrderBy(k => k.Partition, StringComparer.Ordinal).ThenBy(k => k.Row, StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Select(k => (k.Partition, k.Row)), read.Select(r => (r.PartitionKey, r.RowKey)));
        Assert.All(read, r => Assert.Equal(r.PartitionKey + "|" + r.RowKey, r.GetString("Key")));
        Assert.All(read, r => Assert.False(string.IsNullOrEmpty(r.ETag)));
        Assert.All(read, r => Assert.Equal(table, r.Table));
    }

    [Fact]
    public async Task Query_Partition_ReturnsOnlyThatPartitionInRowOrder()
    {
        var table = await CreatedTableAsync("Part");
        foreach (var partition in new[] { "O'Brien", "O", "O'Brie", "OBrien" })
        {
            for (var i = 29; i >= 0; i--)
            {
                await Records.InsertAsync(Record(table, partition, $"{i:D2}"));
            }
        }

        var read = await Records.QueryAsync(table, "O'Brien").ToListAsync();

        Assert.Equal(Enumerable.Range(0, 30).Select(i => $"{i:D2}"), read.Select(r => r.RowKey));
        Assert.All(read, r => Assert.Equal("O'Brien", r.PartitionKey));
        Assert.Empty(await Records.QueryAsync(table, "absent").ToListAsync());
    }

    [Fact]
    public async Task Query_EmptyKeys_AreValidKeys()
    {
        var table = await CreatedTableAsync("EmptyKey");

        await Records.InsertAsync(Record(table, "", "", ("V", 1L)));

        Assert.Equal(1L, (await Records.GetAsync(table, "", ""))!.GetInt64("V"));
        Assert.Single(await Records.QueryAsync(table, "").ToListAsync());
    }

    // ---- tables ----

    [Fact]
    public async Task ListTables_SeveralTables_ListsThemInOrdinalOrder()
    {
        foreach (var name in new[] { "Zeta", "alpha", "Beta", "beta2" })
        {
            await Records.CreateTableAsync(Table(name));
        }

        await Records.CreateTableAsync(Table("Zeta"));

        var listed = await Records.ListTablesAsync().Where(t => t.StartsWith(Table(""), StringComparison.Ordinal)).ToListAsync();

        Assert.Equal(new[] { "Beta", "Zeta", "alpha", "beta2" }.Select(Table), listed);
    }

    [Fact]
    public async Task DeleteTable_WithRecords_RemovesTableAndRecords()
    {
        var table = await CreatedTableAsync("Doomed");
        await Records.InsertAsync(Record(table, "p", "r", ("V", 1L)));

        await Records.DeleteTableAsync(table);
        await Records.DeleteTableAsync(table);

        Assert.DoesNotContain(table, await Records.ListTablesAsync().ToListAsync());
        Assert.Null(await Records.GetAsync(table, "p", "r"));
        Assert.Empty(await Records.QueryAsync(table).ToListAsync());
    }

    [Fact]
    public async Task Reads_MissingTable_ReturnNullOrNothing()
    {
        var table = Table("Missing");

        Assert.Null(await Records.GetAsync(table, "p", "r"));
        Assert.Empty(await Records.QueryAsync(table).ToListAsync());
        Assert.Empty(await Records.QueryAsync(table, "p").ToListAsync());
    }

    [Fact]
    public async Task Writes_MissingTable_ThrowInvalidOperationNamingTheTable()
    {
        var table = Table("Missing");
        var record = Record(table, "p", "r", ("V", 1L));

        var errors = new[]
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => Records.InsertAsync(record)),
            await Assert.ThrowsAsync<InvalidOperationException>(() => Records.UpsertAsync(record)),
            await Assert.ThrowsAsync<InvalidOperationException>(() => Records.ReplaceAsync(record with { ETag = "W/\"x\"" })),
            await Assert.ThrowsAsync<InvalidOperationException>(() => Records.UpsertBatchAsync([record])),
        };

        Assert.All(errors, e => Assert.Contains(table, e.Message, StringComparison.Ordinal));
        Assert.DoesNotContain(table, await Records.ListTablesAsync().ToListAsync());
    }

    // ---- naming rules ----

    [Theory]
    [InlineData("ab")]
    [InlineData("1abc")]
    [InlineData("a-bc")]
    [InlineData("a_bc")]
    [InlineData("")]
    public async Task CreateTable_InvalidName_ThrowsArgument(string name)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Records.CreateTableAsync(name));
    }

    [Fact]
    public async Task CreateTable_SixtyFourCharacters_ThrowsArgument()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Records.CreateTableAsync("T" + new string('a', 63)));
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a\tb")]
    [InlineData("a\u0001b")]
    public async Task Writes_InvalidKey_ThrowArgumentAndWriteNothing(string key)
    {
        var table = await CreatedTableAsync("Keys");

        await Assert.ThrowsAsync<ArgumentException>(() => Records.InsertAsync(Record(table, key, "r")));
        await Assert.ThrowsAsync<ArgumentException>(() => Records.UpsertAsync(Record(table, "p", key)));
        await Assert.ThrowsAsync<ArgumentException>(() => Records.UpsertBatchAsync([Record(table, "p", "ok"), Record(table, "p", key)]));

        Assert.Empty(await Records.QueryAsync(table).ToListAsync());
    }

    [Fact]
    public async Task Writes_KeyOver1024Characters_ThrowArgument()
    {
        var table = await CreatedTableAsync("LongKey");

        await Assert.ThrowsAsync<ArgumentException>(() => Records.InsertAsync(Record(table, new string('k', 1025), "r")));
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("Abc")]
    [InlineData("a--b")]
    [InlineData("-abc")]
    [InlineData("abc-")]
    [InlineData("a_bc")]
    public async Task CreateContainer_InvalidName_ThrowsArgument(string name)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Blobs.CreateContainerAsync(name));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/a")]
    [InlineData("a/")]
    [InlineData("a//b")]
    [InlineData("a/../b")]
    [InlineData("./a")]
    [InlineData("a\\b")]
    [InlineData("a\nb")]
    public async Task PutBlob_InvalidName_ThrowsArgument(string name)
    {
        var container = Container("a");
        await Blobs.CreateContainerAsync(container);

        await Assert.ThrowsAsync<ArgumentException>(() => Blobs.PutAsync(container, name, new byte[] { 1 }));

        Assert.Empty(await Blobs.ListAsync(container).ToListAsync());
    }

    // ---- blobs ----

    [Fact]
    public async Task CreateContainer_Twice_ExistsOnce()
    {
        var container = Container("a");
        Assert.False(await Blobs.ContainerExistsAsync(container));

        await Blobs.CreateContainerAsync(container);
        await Blobs.CreateContainerAsync(container);

        Assert.True(await Blobs.ContainerExistsAsync(container));
    }

    [Fact]
    public async Task PutBlob_ThenGet_ReturnsTheExactBytes()
    {
        var container = Container("blobs");
        await Blobs.CreateContainerAsync(container);
        var content = Enumerable.Range(0, 70_000).Select(i => (byte)(i * 31)).ToArray();

        await Blobs.PutAsync(container, "runs/run-1/checkpoint.bin", content);
        await Blobs.PutAsync(container, "empty", Array.Empty<byte>());

        Assert.Equal(content, await Blobs.GetAsync(container, "runs/run-1/checkpoint.bin"));
        Assert.Equal(Array.Empty<byte>(), await Blobs.GetAsync(container, "empty"));
    }

    [Fact]
    public async Task PutBlob_LargerThanOneUpload_ReturnsTheExactBytes()
    {
        var container = Container("blobs");
        await Blobs.CreateContainerAsync(container);
        var content = new byte[(4 * 1024 * 1024) + 12345];
        new Random(7).NextBytes(content);

        await Blobs.PutAsync(container, "big.bin", content);

        Assert.Equal(content, await Blobs.GetAsync(container, "big.bin"));
    }

    [Fact]
    public async Task PutBlob_Existing_ReplacesTheWholeContent()
    {
        var container = Container("blobs");
        await Blobs.CreateContainerAsync(container);
        await Blobs.PutAsync(container, "b", new byte[] { 1, 2, 3, 4, 5, 6 });

        await Blobs.PutAsync(container, "b", new byte[] { 9, 8 });

        Assert.Equal(new byte[] { 9, 8 }, await Blobs.GetAsync(container, "b"));
        Assert.Equal(["b"], await Blobs.ListAsync(container).ToListAsync());
    }

    [Fact]
    public async Task GetBlob_MissingBlobOrContainer_ReturnsNull()
    {
        var container = Container("blobs");
        await Blobs.CreateContainerAsync(container);

        Assert.Null(await Blobs.GetAsync(container, "absent"));
        Assert.Null(await Blobs.GetAsync(container, "deep/absent"));
        Assert.Null(await Blobs.GetAsync(Container("gone"), "absent"));
    }

    [Fact]
    public async Task PutBlob_MissingContainer_ThrowsInvalidOperationNamingIt()
    {
        var container = Container("gone");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Blobs.PutAsync(container, "b", new byte[] { 1 }));

        Assert.Contains(container, error.Message, StringComparison.Ordinal);
        Assert.False(await Blobs.ContainerExistsAsync(container));
    }

    [Fact]
    public async Task ListBlobs_Prefix_ListsMatchingNamesInOrdinalOrder()
    {
        var container = Container("blobs");
        await Blobs.CreateContainerAsync(container);
        foreach (var name in new[] { "b/2", "a/x/1", "b/10", "b/1", "B/0", "ba", "c" })
        {
            await Blobs.PutAsync(container, name, new byte[] { 1 });
        }

        Assert.Equal(["B/0", "a/x/1", "b/1", "b/10", "b/2", "ba", "c"], await Blobs.ListAsync(container).ToListAsync());
        Assert.Equal(["b/1", "b/10", "b/2"], await Blobs.ListAsync(container, "b/").ToListAsync());
        Assert.Equal(["b/1", "b/10", "b/2", "ba"], await Blobs.ListAsync(container, "b").ToListAsync());
        Assert.Empty(await Blobs.ListAsync(container, "zzz").ToListAsync());
        Assert.Empty(await Blobs.ListAsync(Container("gone")).ToListAsync());
    }

    [Fact]
    public async Task DeleteBlob_ExistingOrAbsent_LeavesNoBlob()
    {
        var container = Container("blobs");
        await Blobs.CreateContainerAsync(container);
        await Blobs.PutAsync(container, "dir/b", new byte[] { 1 });

        await Blobs.DeleteAsync(container, "dir/b");
        await Blobs.DeleteAsync(container, "dir/b");
        await Blobs.DeleteAsync(container, "never");

        Assert.Null(await Blobs.GetAsync(container, "dir/b"));
        Assert.Empty(await Blobs.ListAsync(container).ToListAsync());
    }

    [Fact]
    public virtual async Task DeleteBlob_InMissingFolderOrContainer_DoesNothing()
    {
        var container = Container("blobs");
        await Blobs.CreateContainerAsync(container);

        await Blobs.DeleteAsync(container, "no/such/folder/b");
        await Blobs.DeleteAsync(Container("gone"), "b");

        Assert.False(await Blobs.ContainerExistsAsync(Container("gone")));
    }

    [Fact]
    public async Task DeleteContainer_WithBlobs_RemovesContainerAndBlobs()
    {
        var container = Container("b");
        await Blobs.CreateContainerAsync(container);
        await Blobs.PutAsync(container, "x/y", new byte[] { 1 });

        await Blobs.DeleteContainerAsync(container);
        await Blobs.DeleteContainerAsync(container);

        Assert.False(await Blobs.ContainerExistsAsync(container));
        Assert.Null(await Blobs.GetAsync(container, "x/y"));
        Assert.Empty(await Blobs.ListAsync(container).ToListAsync());
    }

    [Fact]
    public async Task Query_OverAThousandRecords_StreamsEveryOne()
    {
        var table = await CreatedTableAsync("Many");
        for (var batch = 0; batch < 12; batch++)
        {
            await Records.UpsertBatchAsync(Enumerable.Range(0, 100)
                .Select(i => Record(table, $"p{batch % 3}", $"{batch:D2}-{i:D3}", ("N", (long)((batch * 100) + i))))
                .ToArray());
        }

        var count = 0;
        var sum = 0L;
        await foreach (var record in Records.QueryAsync(table))
        {
            count++;
            sum += record.GetInt64("N")!.Value;
        }

        Assert.Equal(1200, count);
        Assert.Equal(Enumerable.Range(0, 1200).Sum(i => (long)i), sum);
        Assert.Equal(400, await Records.QueryAsync(table, "p0").CountAsync());
    }
}
