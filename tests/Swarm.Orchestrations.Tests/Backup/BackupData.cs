using Swarm.Orchestrations.Backup;
using Swarm.Orchestrations.State;

namespace Swarm.Orchestrations.Tests.Backup;

/// <summary>Typed sample tables for backup tests, and whole-table snapshots to compare.</summary>
internal static class BackupData
{
    public static readonly DateTimeOffset Instant = new(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);

    /// <summary>Creates <paramref name="prefix"/>Runs (typed records over 3 partitions), Metrics (250 rows), Quotas (nulls) and Empty.</summary>
    public static async Task<string[]> SeedAsync(IRecordStore records, string prefix = "")
    {
        string runs = prefix + "Runs", metrics = prefix + "Metrics", quotas = prefix + "Quotas", empty = prefix + "Empty";
        foreach (var table in new[] { runs, metrics, quotas, empty })
        {
            await records.CreateTableAsync(table);
        }

        for (var i = 0; i < 45; i++)
        {
            await records.UpsertAsync(new StateRecord(runs, $"sweep-{i % 3}", $"run-{i:D3}", new Dictionary<string, object?>
            {
                ["Model"] = i % 2 == 0 ? "Schelling" : "Flocking — ünïcode",
                ["Seed"] = long.MaxValue - i,
                ["Step"] = (long)i * 1000,
                ["Score"] = i switch { 0 => double.NaN, 1 => double.PositiveInfinity, 2 => double.NegativeInfinity, _ => i / 7.0 },
                ["Done"] = i % 3 == 0,
                ["At"] = Instant.AddTicks(i * 1_234_567L),
                ["Checkpoint"] = Enumerable.Range(0, i).Select(b => (byte)(b * 13)).ToArray(),
            }));
        }

        for (var batch = 0; batch < 5; batch++)
        {
            await records.UpsertBatchAsync(Enumerable.Range(0, 50)
                .Select(i => new StateRecord(metrics, $"run-{batch}", $"{i:D4}", new Dictionary<string, object?> { ["Value"] = (batch * 50) + i + 0.5, ["Agents"] = (long)i }))
                .ToArray());
        }

        await records.UpsertAsync(new StateRecord(quotas, "tenant", "a", new Dictionary<string, object?> { ["Limit"] = 10L, ["Note"] = null }));
        await records.UpsertAsync(new StateRecord(quotas, "tenant", "O'Brien", new Dictionary<string, object?> { ["Limit"] = 0L, ["Note"] = "" }));
        return [empty, metrics, quotas, runs];
    }

    public static async Task<Dictionary<string, List<StateRecord>>> SnapshotAsync(IRecordStore records, IEnumerable<string> tables)
    {
        var snapshot = new Dictionary<string, List<StateRecord>>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            snapshot[table] = await records.QueryAsync(table).ToListAsync();
        }

        return snapshot;
    }

    public static void AssertIdentical(Dictionary<string, List<StateRecord>> expected, Dictionary<string, List<StateRecord>> actual)
    {
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (table, records) in expected)
        {
            Assert.Equal(records.Count, actual[table].Count);
            for (var i = 0; i < records.Count; i++)
            {
                Assert.Null(RecordDifference.Describe(records[i], actual[table][i]));
            }
        }
    }
}
