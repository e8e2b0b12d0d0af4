using Azure;
using Swarm.Storage.Tables;
using Swarm.Testing;

namespace Swarm.Storage.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class TableClientTests(AzuriteFixture azurite)
{
    private async Task<TableClient> NewTableAsync()
    {
        var service = new TableServiceClient(azurite.ConnectionString);
        var table = service.GetTableClient(Names.Table());
        await table.CreateAsync();
        return table;
    }

    [Fact]
    public async Task AddThenGet_TypedEntity_RoundTripsEveryEdmType()
    {
        var table = await NewTableAsync();
        var sample = new SampleEntity
        {
            PartitionKey = "p'1", RowKey = "r 1 ü'", Text = "hello", Count = 42, Big = long.MaxValue - 7, Ratio = 2.0,
            Flag = true, Id = Guid.NewGuid(), When = new DateTime(2026, 3, 4, 5, 6, 7, 123, DateTimeKind.Utc).AddTicks(4567),
            Offset = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)), Bytes = [0, 1, 2, 255], Colour = SampleColour.Green,
        };

        var added = await table.AddEntityAsync(sample);
        var read = (await table.GetEntityAsync<SampleEntity>("p'1", "r 1 ü'")).Value;

        Assert.Equal(added.Headers.ETag, read.ETag);
        Assert.NotNull(read.Timestamp);
        Assert.Equal(sample.Text, read.Text);
        Assert.Equal(sample.Count, read.Count);
        Assert.Equal(sample.Big, read.Big);
        Assert.Equal(sample.Ratio, read.Ratio);
        Assert.True(read.Flag);
        Assert.Equal(sample.Id, read.Id);
        Assert.Equal(sample.When, read.When);
        Assert.Equal(DateTimeKind.Utc, read.When.Kind);
        Assert.Equal(sample.Offset, read.Offset);
        Assert.Equal(sample.Bytes, read.Bytes);
        Assert.Equal(SampleColour.Green, read.Colour);
        Assert.Null(read.Missing);
    }

    [Fact]
    public async Task GetEntity_DictionaryEntity_KeepsEdmTypes()
    {
        var table = await NewTableAsync();
        var id = Guid.NewGuid();
        var entity = new TableEntity("p", "r")
        {
            ["Int"] = 7, ["Long"] = 7L, ["Double"] = 7.0, ["Fraction"] = 0.25, ["Guid"] = id, ["Bool"] = false,
            ["Date"] = new DateTimeOffset(2024, 2, 29, 12, 0, 0, TimeSpan.Zero), ["Binary"] = new byte[] { 9, 8 }, ["Text"] = "t",
            ["NaN"] = double.NaN,
        };
        await table.AddEntityAsync(entity);

        var read = (await table.GetEntityAsync<TableEntity>("p", "r")).Value;

        Assert.IsType<int>(read["Int"]);
        Assert.IsType<long>(read["Long"]);
        Assert.IsType<double>(read["Double"]);
        Assert.Equal(7.0, read.GetDouble("Double"));
        Assert.Equal(0.25, read.GetDouble("Fraction"));
        Assert.True(double.IsNaN(read.GetDouble("NaN")!.Value));
        Assert.Equal(id, read.GetGuid("Guid"));
        Assert.False(read.GetBoolean("Bool"));
        Assert.Equal(new DateTimeOffset(2024, 2, 29, 12, 0, 0, TimeSpan.Zero), read.GetDateTimeOffset("Date"));
        Assert.Equal(new byte[] { 9, 8 }, read.GetBinary("Binary"));
        Assert.Equal("t", read.GetString("Text"));
        Assert.Equal("p", read.PartitionKey);
        Assert.NotEqual(default, read.ETag);
    }

    [Fact]
    public async Task AddEntity_Twice_Fails409EntityAlreadyExists()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r"));

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(new TableEntity("p", "r")));

        Assert.Equal(409, error.Status);
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
    }

    [Fact]
    public async Task UpsertEntity_MergeAndReplace_KeepOrDropOtherProperties()
    {
        var table = await NewTableAsync();
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["A"] = 1, ["B"] = 2 });

        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["B"] = 3 }, TableUpdateMode.Merge);
        var merged = (await table.GetEntityAsync<TableEntity>("p", "r")).Value;
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["C"] = 4 }, TableUpdateMode.Replace);
        var replaced = (await table.GetEntityAsync<TableEntity>("p", "r")).Value;

        Assert.Equal(1, merged.GetInt32("A"));
        Assert.Equal(3, merged.GetInt32("B"));
        Assert.False(replaced.ContainsKey("A"));
        Assert.Equal(4, replaced.GetInt32("C"));
    }

    [Fact]
    public async Task UpdateEntity_StaleETag_Fails412AndLeavesEntity()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["V"] = 1 });
        var first = (await table.GetEntityAsync<TableEntity>("p", "r")).Value;
        first["V"] = 2;
        var updated = await table.UpdateEntityAsync(first, first.ETag, TableUpdateMode.Replace);
        first["V"] = 3;

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.UpdateEntityAsync(first, first.ETag));

        Assert.Equal(412, error.Status);
        Assert.Equal("UpdateConditionNotSatisfied", error.ErrorCode);
        var current = (await table.GetEntityAsync<TableEntity>("p", "r")).Value;
        Assert.Equal(2, current.GetInt32("V"));
        Assert.Equal(updated.Headers.ETag, current.ETag);
    }

    [Fact]
    public async Task DeleteEntity_StaleETagThenCurrent_FailsThenDeletes()
    {
        var table = await NewTableAsync();
        var stale = (await table.AddEntityAsync(new TableEntity("p", "r"))).Headers.ETag!.Value;
        var fresh = (await table.UpsertEntityAsync(new TableEntity("p", "r") { ["X"] = 1 })).Headers.ETag!.Value;

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.DeleteEntityAsync("p", "r", stale));
        await table.DeleteEntityAsync("p", "r", fresh);

        Assert.Equal(412, error.Status);
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>("p", "r")).HasValue);
    }

    [Fact]
    public async Task GetEntity_Missing_Fails404()
    {
        var table = await NewTableAsync();

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.GetEntityAsync<TableEntity>("p", "nope"));

        Assert.Equal(404, error.Status);
        Assert.Equal("ResourceNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task AddEntity_TableMissing_Fails404TableNotFound()
    {
        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient(Names.Table());

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(new TableEntity("p", "r")));

        Assert.Equal(404, error.Status);
        Assert.Equal("TableNotFound", error.ErrorCode);
        Assert.Contains("TableNotFound", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_FilterSelectTop_PagesThroughContinuationTokens()
    {
        var table = await NewTableAsync();
        for (var i = 0; i < 25; i++)
        {
            await table.AddEntityAsync(new TableEntity("p", i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture)) { ["N"] = (long)i, ["Other"] = "x" });
        }

        await table.AddEntityAsync(new TableEntity("q", "000") { ["N"] = 1L });
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {"p"} and N ge {5L}");

        var pages = new List<Page<TableEntity>>();
        await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: 7, select: ["N"]).AsPages())
        {
            pages.Add(page);
        }

        var all = pages.SelectMany(p => p.Values).ToList();
        Assert.Equal(20, all.Count);
        Assert.Equal(Enumerable.Range(5, 20).Select(i => (long)i), all.Select(e => e.GetInt64("N")!.Value));
        Assert.All(all, e => Assert.False(e.ContainsKey("Other")));
        Assert.Equal(3, pages.Count);
        Assert.All(pages.Take(2), p => Assert.NotNull(p.ContinuationToken));
        Assert.Null(pages[^1].ContinuationToken);
    }

    [Fact]
    public async Task Query_TypedEntities_ReadsAllOfPartition()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new SampleEntity { PartitionKey = "p", RowKey = "a", Count = 1 });
        await table.AddEntityAsync(new SampleEntity { PartitionKey = "p", RowKey = "b", Count = 2 });

        var counts = new List<int>();
        await foreach (var entity in table.QueryAsync<SampleEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"p"}")))
        {
            counts.Add(entity.Count);
        }

        Assert.Equal([1, 2], counts);
    }

    [Theory]
    [InlineData("it's", "PartitionKey eq 'it''s'")]
    [InlineData(5L, "PartitionKey eq 5L")]
    [InlineData(2.0, "PartitionKey eq 2.0")]
    [InlineData(true, "PartitionKey eq true")]
    public void CreateQueryFilter_Values_AreQuotedByType(object value, string expected)
    {
        Assert.Equal(expected, TableClient.CreateQueryFilter($"PartitionKey eq {value}"));
    }

    [Fact]
    public void CreateQueryFilter_GuidAndDate_UseTypedLiterals()
    {
        var id = Guid.Parse("8c1a1b54-9d3e-4e5c-9a9f-1b2c3d4e5f60");
        var at = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

        var filter = TableClient.CreateQueryFilter($"Id eq {id} and At lt {at}");

        Assert.Equal("Id eq guid'8c1a1b54-9d3e-4e5c-9a9f-1b2c3d4e5f60' and At lt datetime'2026-01-02T03:04:05.0000000Z'", filter);
    }

    [Fact]
    public async Task Transaction_MixedActions_CommitAtomically()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "update") { ["V"] = 1, ["Keep"] = "k" });
        await table.AddEntityAsync(new TableEntity("p", "delete"));
        var current = (await table.GetEntityAsync<TableEntity>("p", "update")).Value;

        var result = await table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new SampleEntity { PartitionKey = "p", RowKey = "typed", Big = 5 }),
            new(TableTransactionActionType.UpsertReplace, new TableEntity("p", "upsert") { ["V"] = 9 }),
            new(TableTransactionActionType.UpdateMerge, new TableEntity("p", "update") { ["V"] = 2 }, current.ETag),
            new(TableTransactionActionType.Delete, new TableEntity("p", "delete")),
        ]);

        Assert.Equal(4, result.Value.Count);
        Assert.Equal(5, (await table.GetEntityAsync<SampleEntity>("p", "typed")).Value.Big);
        var updated = (await table.GetEntityAsync<TableEntity>("p", "update")).Value;
        Assert.Equal(2, updated.GetInt32("V"));
        Assert.Equal("k", updated.GetString("Keep"));
        Assert.Equal(updated.ETag, result.Value[2].ETag);
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>("p", "delete")).HasValue);
    }

    [Fact]
    public async Task Transaction_OneActionFails_AppliesNothingAndNamesTheAction()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "exists"));

        var error = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "new")),
            new(TableTransactionActionType.Add, new TableEntity("p", "exists")),
        ]));

        Assert.Equal(409, error.Status);
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
        Assert.Equal(1, error.FailedTransactionActionIndex);
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>("p", "new")).HasValue);
    }

    [Fact]
    public async Task Transaction_HundredEntities_Commits()
    {
        var table = await NewTableAsync();
        var actions = Enumerable.Range(0, 100)
            .Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture)) { ["I"] = i }))
            .ToList();

        await table.SubmitTransactionAsync(actions);

        var count = 0;
        await foreach (var unused in table.QueryAsync<TableEntity>())
        {
            count++;
        }

        Assert.Equal(100, count);
    }

    [Fact]
    public async Task Transaction_TwoPartitionsOrTooMany_RejectedBeforeSending()
    {
        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient(Names.Table());
        var many = Enumerable.Range(0, 101).Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", i.ToString(System.Globalization.CultureInfo.InvariantCulture))));

        var split = await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(
            [new(TableTransactionActionType.Add, new TableEntity("a", "1")), new(TableTransactionActionType.Add, new TableEntity("b", "1"))]));
        var tooMany = await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(many));

        Assert.Contains("one partition key", split.Message, StringComparison.Ordinal);
        Assert.Contains("at most 100", tooMany.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Service_CreateQueryDelete_ManagesTables()
    {
        var service = new TableServiceClient(azurite.ConnectionString);
        var name = Names.Table("svc");

        await service.CreateTableAsync(name);
        var exists = await Assert.ThrowsAsync<RequestFailedException>(() => service.CreateTableAsync(name));
        await service.CreateTableIfNotExistsAsync(name);
        var found = new List<string>();
        await foreach (var item in service.QueryAsync(TableClient.CreateQueryFilter($"TableName eq {name}")))
        {
            found.Add(item.Name);
        }

        await service.DeleteTableAsync(name);
        var gone = await Assert.ThrowsAsync<RequestFailedException>(() => service.DeleteTableAsync(name));

        Assert.Equal(409, exists.Status);
        Assert.Equal("TableAlreadyExists", exists.ErrorCode);
        Assert.Equal([name], found);
        Assert.Equal(404, gone.Status);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("1abc")]
    [InlineData("has-dash")]
    public void GetTableClient_InvalidName_ThrowsArgumentException(string name)
    {
        var service = new TableServiceClient(azurite.ConnectionString);

        var error = Assert.Throws<ArgumentException>(() => service.GetTableClient(name));

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetEntity_WrongTypeForProperty_ThrowsClearError()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["Count"] = "not a number" });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => table.GetEntityAsync<SampleEntity>("p", "r"));

        Assert.Contains("Count", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddEntity_SlashInRowKey_FailsWithStatusAndCodeInMessage()
    {
        var table = await NewTableAsync();

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(new TableEntity("p", "a/b")));

        Assert.Equal(400, error.Status);
        Assert.Contains("Status: 400", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IfExistsAndIfNotExists_Absent_AnswerWithTheServiceResponse()
    {
        var table = await NewTableAsync();

        var missing = await table.GetEntityIfExistsAsync<TableEntity>("p", "none");
        var existing = await table.CreateIfNotExistsAsync();

        Assert.False(missing.HasValue);
        Assert.Equal(404, missing.GetRawResponse().Status);
        Assert.Equal(409, existing.GetRawResponse().Status);
        Assert.Equal(table.Name, existing.Value.Name);
    }
}
