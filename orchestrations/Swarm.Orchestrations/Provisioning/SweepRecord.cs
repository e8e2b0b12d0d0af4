using Swarm.Orchestrations.State;

namespace Swarm.Orchestrations.Provisioning;

/// <summary>A sweep's record in the <see cref="StateLayout.Sweeps"/> table: partition = sweep id, row = <c>sweep</c>.</summary>
public sealed record SweepRecord(string SweepId, string Model, long Runs, int Points, SweepStatus Status, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string? Error)
{
    /// <summary>The row key of every sweep record.</summary>
    public const string RowKey = "sweep";

    /// <summary>Reads the record of <paramref name="sweepId"/>, or null.</summary>
    public static async Task<SweepRecord?> ReadAsync(IRecordStore records, string sweepId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var record = await records.GetAsync(StateLayout.Sweeps, sweepId, RowKey, cancellationToken).ConfigureAwait(false);
        return record is null
            ? null
            : new SweepRecord(
                sweepId,
                record.GetString("model") ?? string.Empty,
                record.GetInt64("runs") ?? 0,
                (int)(record.GetInt64("points") ?? 0),
                Enum.TryParse<SweepStatus>(record.GetString("status"), out var status) ? status : SweepStatus.Registered,
                record.GetDateTime("createdAt") ?? default,
                record.GetDateTime("updatedAt") ?? default,
                record.GetString("error"));
    }

    /// <summary>Writes this record, replacing any earlier one.</summary>
    public Task WriteAsync(IRecordStore records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        return records.UpsertAsync(
            new StateRecord(StateLayout.Sweeps, SweepId, RowKey, new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["model"] = Model,
                ["runs"] = Runs,
                ["points"] = (long)Points,
                ["status"] = Status.ToString(),
                ["createdAt"] = CreatedAt,
                ["updatedAt"] = UpdatedAt,
                ["error"] = Error,
            }),
            cancellationToken);
    }
}
