using Swarm.Orchestrations.State;

namespace Swarm.Functions.Timers;

/// <summary>
/// The last occurrence each timer ran for, kept in the state store (table <see cref="Table"/>), so that an
/// occurrence missed while the app was down is noticed at the next start — the Functions host's schedule monitor.
/// </summary>
public sealed class TimerRuns(StateStore store)
{
    /// <summary>The table name.</summary>
    public const string Table = "TimerRuns";

    private const string Partition = "timers";

    /// <summary>Creates the table if needed.</summary>
    public Task EnsureAsync(CancellationToken cancellationToken = default) => store.Records.CreateTableAsync(Table, cancellationToken);

    /// <summary>The occurrence <paramref name="timer"/> last ran for (or was baselined at), or null when it never has.</summary>
    public async Task<DateTimeOffset?> LastAsync(string timer, CancellationToken cancellationToken = default)
    {
        var record = await store.Records.GetAsync(Table, Partition, timer, cancellationToken).ConfigureAwait(false);
        return record?.GetDateTime("Last");
    }

    /// <summary>Records that <paramref name="timer"/> is done with <paramref name="occurrence"/>.</summary>
    public Task RecordAsync(string timer, DateTimeOffset occurrence, string outcome, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        store.Records.UpsertAsync(
            new StateRecord(Table, Partition, timer, new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["Last"] = occurrence,
                ["Outcome"] = outcome,
                ["RecordedAt"] = at,
            }),
            cancellationToken);
}
