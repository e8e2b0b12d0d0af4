using System.Globalization;
using Swarm.Orchestrations.State;

namespace Swarm.Functions.Audit;

/// <summary>
/// The audit log: every write and admin action in one hash chain in the state store's <see cref="Table"/> table.
/// Each entry holds the SHA-256 of the entry before it, so editing, inserting or deleting an entry breaks the chain
/// at that point (<see cref="VerifyAsync"/>).
/// </summary>
/// <remarks>
/// <para>Entries live in partition <see cref="ChainPartition"/> under their zero-padded sequence number. An append
/// claims the next number with a conditional insert: two writers (threads or processes) can never both write entry
/// n, and the loser re-reads entry n and links to it, so the chain never forks. An in-process lock keeps writers of
/// one process from racing each other in the first place.</para>
/// <para>The record <see cref="HeadPartition"/>/<see cref="HeadPartition"/> remembers the last sequence so appends
/// need not scan; it is only a hint (appends walk forward past entries it does not know yet), but verification
/// also checks that no entry at or before it is missing, which catches the deletion of the newest entries.</para>
/// </remarks>
public sealed class AuditLog
{
    /// <summary>The table.</summary>
    public const string Table = "Audit";

    /// <summary>The partition of the entries.</summary>
    public const string ChainPartition = "chain";

    /// <summary>The partition (and row) of the head record.</summary>
    public const string HeadPartition = "head";

    /// <summary>The previous hash of the first entry.</summary>
    public static readonly string GenesisHash = new('0', 64);

    private readonly IRecordStore _records;
    private readonly SemaphoreSlim _append = new(1, 1);

    /// <summary>Creates the log over <paramref name="records"/>.</summary>
    public AuditLog(IRecordStore records)
    {
        ArgumentNullException.ThrowIfNull(records);
        _records = records;
    }

    /// <summary>Creates the table if needed.</summary>
    public Task EnsureAsync(CancellationToken cancellationToken = default) => _records.CreateTableAsync(Table, cancellationToken);

    /// <summary>Appends an entry and returns it.</summary>
    public async Task<AuditEntry> AppendAsync(DateTimeOffset at, string who, string action, string target, int outcome, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(who);
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(target);
        await _append.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var head = await _records.GetAsync(Table, HeadPartition, HeadPartition, cancellationToken).ConfigureAwait(false);
            var last = head?.GetInt64("sequence") ?? 0;
            var previousHash = head?.GetString("hash") ?? GenesisHash;
            while (true)
            {
                // Walk past entries other processes appended since the head was written.
                var next = await _records.GetAsync(Table, ChainPartition, RowKey(last + 1), cancellationToken).ConfigureAwait(false);
                if (next is not null)
                {
                    last++;
                    previousHash = next.GetString("hash") ?? string.Empty;
                    continue;
                }

                var entry = new AuditEntry(last + 1, at, who, action, target, outcome, previousHash, AuditEntry.ComputeHash(last + 1, at, who, action, target, outcome, previousHash));
                try
                {
                    await _records.InsertAsync(ToRecord(entry), cancellationToken).ConfigureAwait(false);
                }
                catch (RecordConflictException)
                {
                    // Another process took this number; link to its entry instead.
                    continue;
                }

                await MoveHeadAsync(head, entry, cancellationToken).ConfigureAwait(false);
                return entry;
            }
        }
        finally
        {
            _append.Release();
        }
    }

    /// <summary>Every entry in sequence order.</summary>
    public async IAsyncEnumerable<AuditEntry> ReadAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var record in _records.QueryAsync(Table, ChainPartition, cancellationToken).ConfigureAwait(false))
        {
            yield return FromRecord(record);
        }
    }

    /// <summary>Recomputes the chain and reports the first entry that was altered, inserted out of place, or follows a missing one.</summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        long count = 0;
        var expectedSequence = 1L;
        var previousHash = GenesisHash;
        await foreach (var entry in ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            count++;
            if (entry.Sequence != expectedSequence)
            {
                return new AuditVerification(count, expectedSequence, entry.Sequence > expectedSequence
                    ? string.Create(CultureInfo.InvariantCulture, $"Entry {expectedSequence} is missing (the next one is {entry.Sequence}).")
                    : string.Create(CultureInfo.InvariantCulture, $"Entry {entry.Sequence} is out of place."));
            }

            if (entry.PreviousHash != previousHash)
            {
                return new AuditVerification(count, entry.Sequence, "Its previous hash does not match the entry before it: an entry was replaced or removed.");
            }

            if (!entry.IsIntact)
            {
                return new AuditVerification(count, entry.Sequence, "Its hash does not match its fields: the entry was edited.");
            }

            previousHash = entry.Hash;
            expectedSequence++;
        }

        var head = await _records.GetAsync(Table, HeadPartition, HeadPartition, cancellationToken).ConfigureAwait(false);
        if (head?.GetInt64("sequence") is { } headSequence && headSequence >= expectedSequence)
        {
            return new AuditVerification(count, expectedSequence, string.Create(CultureInfo.InvariantCulture, $"Entries {expectedSequence} to {headSequence} are missing: the head says the chain is longer."));
        }

        return new AuditVerification(count, null, null);
    }

    private async Task MoveHeadAsync(StateRecord? head, AuditEntry entry, CancellationToken cancellationToken)
    {
        var record = new StateRecord(Table, HeadPartition, HeadPartition, new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["sequence"] = entry.Sequence,
            ["hash"] = entry.Hash,
        }, head?.ETag);
        try
        {
            if (head is null)
            {
                await _records.InsertAsync(record, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _records.ReplaceAsync(record, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (RecordConflictException)
        {
            // Another process moved the head meanwhile; it is a hint, and the next append walks forward from it.
        }
    }

    private static string RowKey(long sequence) => sequence.ToString("D19", CultureInfo.InvariantCulture);

    private static StateRecord ToRecord(AuditEntry entry) => new(Table, ChainPartition, RowKey(entry.Sequence), new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["sequence"] = entry.Sequence,
        ["at"] = entry.At,
        ["who"] = entry.Who,
        ["action"] = entry.Action,
        ["target"] = entry.Target,
        ["outcome"] = (long)entry.Outcome,
        ["previousHash"] = entry.PreviousHash,
        ["hash"] = entry.Hash,
    });

    private static AuditEntry FromRecord(StateRecord record) => new(
        record.GetInt64("sequence") ?? -1,
        record.GetDateTime("at") ?? default,
        record.GetString("who") ?? string.Empty,
        record.GetString("action") ?? string.Empty,
        record.GetString("target") ?? string.Empty,
        (int)(record.GetInt64("outcome") ?? 0),
        record.GetString("previousHash") ?? string.Empty,
        record.GetString("hash") ?? string.Empty);
}
