using Swarm.Cli;
using Swarm.Functions.Audit;
using Swarm.Orchestrations.State;
using Swarm.Testing;

namespace Swarm.Functions.Tests.Http;

public sealed class AuditLogTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 4, 0, 0, TimeSpan.Zero);

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("swarm-audit-");

    public void Dispose()
    {
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file; the OS cleans temp folders.
        }
    }

    private StateStore Store() => EmbeddedStateStore.Open(Path.Combine(_folder.FullName, "state"));

    private static async Task<AuditLog> WithEntriesAsync(StateStore store, int count)
    {
        var log = new AuditLog(store.Records);
        await log.EnsureAsync();
        for (var i = 0; i < count; i++)
        {
            await log.AppendAsync(At.AddSeconds(i), $"user-{i % 2}", "POST /api/sweeps", $"sweep-{i}", 202);
        }

        return log;
    }

    [Fact]
    public async Task Verify_UntouchedChain_IsIntact()
    {
        var log = await WithEntriesAsync(Store(), 5);

        var result = await log.VerifyAsync();

        Assert.True(result.IsIntact, result.Problem);
        Assert.Equal(5, result.Entries);
    }

    [Fact]
    public async Task Append_LinksEachEntryToThePrevious()
    {
        var log = await WithEntriesAsync(Store(), 3);

        var entries = await log.ReadAsync().ToListAsync();

        Assert.Equal(AuditLog.GenesisHash, entries[0].PreviousHash);
        Assert.Equal(entries[0].Hash, entries[1].PreviousHash);
        Assert.Equal(entries[1].Hash, entries[2].PreviousHash);
        Assert.All(entries, e => Assert.True(e.IsIntact));
    }

    [Theory]
    [InlineData("who", "someone-else")]
    [InlineData("outcome", 200L)]
    [InlineData("target", "sweep-x")]
    [InlineData("action", "GET /api/models")]
    public async Task Verify_EditedEntry_ReportsItAsTheFirstBrokenLink(string field, object value)
    {
        var store = Store();
        var log = await WithEntriesAsync(store, 5);
        var record = (await store.Records.GetAsync(AuditLog.Table, AuditLog.ChainPartition, 3L.ToString("D19", System.Globalization.CultureInfo.InvariantCulture)))!;
        var properties = new Dictionary<string, object?>(record.Properties, StringComparer.Ordinal) { [field] = value };
        await store.Records.UpsertAsync(record with { Properties = properties, ETag = null });

        var result = await log.VerifyAsync();

        Assert.False(result.IsIntact);
        Assert.Equal(3, result.FirstBroken);
    }

    [Fact]
    public async Task Verify_EditedEntryWithRecomputedHash_BreaksAtTheNextLink()
    {
        var store = Store();
        var log = await WithEntriesAsync(store, 5);
        var entry = (await log.ReadAsync().ToListAsync())[1];
        var forged = AuditEntry.ComputeHash(entry.Sequence, entry.At, "someone-else", entry.Action, entry.Target, entry.Outcome, entry.PreviousHash);
        var record = (await store.Records.GetAsync(AuditLog.Table, AuditLog.ChainPartition, 2L.ToString("D19", System.Globalization.CultureInfo.InvariantCulture)))!;
        await store.Records.UpsertAsync(record with
        {
            Properties = new Dictionary<string, object?>(record.Properties, StringComparer.Ordinal) { ["who"] = "someone-else", ["hash"] = forged },
            ETag = null,
        });

        var result = await log.VerifyAsync();

        Assert.Equal(3, result.FirstBroken);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    public async Task Verify_DeletedEntry_IsDetected(long sequence)
    {
        var store = Store();
        var log = await WithEntriesAsync(store, 5);
        await store.Records.DeleteAsync(AuditLog.Table, AuditLog.ChainPartition, sequence.ToString("D19", System.Globalization.CultureInfo.InvariantCulture));

        var result = await log.VerifyAsync();

        Assert.False(result.IsIntact);
        Assert.Equal(sequence, result.FirstBroken);
    }

    [Fact]
    public async Task Append_TwoWritersOnOneStoreConcurrently_NeverFork()
    {
        var store = Store();
        var first = new AuditLog(store.Records);
        var second = new AuditLog(store.Records);
        await first.EnsureAsync();

        // Two logs stand for two processes: their in-process locks do not see each other.
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => (i % 2 == 0 ? first : second).AppendAsync(At, $"writer-{i % 2}", "POST /api/simulations", $"run-{i}", 202)));
        var result = await first.VerifyAsync();
        var entries = await first.ReadAsync().ToListAsync();

        Assert.True(result.IsIntact, result.Problem);
        Assert.Equal(40, result.Entries);
        Assert.Equal(40, entries.Select(e => e.Target).Distinct().Count());
    }

    [Fact]
    public async Task AuditVerifyCommand_IntactThenTampered_ExitsZeroThenOne()
    {
        var data = Path.Combine(_folder.FullName, "cli");
        var store = EmbeddedStateStore.Open(Path.Combine(data, "state"));
        await WithEntriesAsync(store, 3);

        var intact = CommandLine.Run(SwarmCommand.InvokeAsync, "audit", "verify", "--data", data);
        await store.Records.DeleteAsync(AuditLog.Table, AuditLog.ChainPartition, 1L.ToString("D19", System.Globalization.CultureInfo.InvariantCulture));
        var broken = CommandLine.Run(SwarmCommand.InvokeAsync, "audit", "verify", "--data", data);

        Assert.True(intact.ExitCode == 0, intact.Output);
        Assert.Contains("3 entries", intact.Output, StringComparison.Ordinal);
        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("entry 1", broken.Output, StringComparison.Ordinal);
    }
}
