using System.Text.Json;
using Swarm.Orchestrations.State;

namespace Swarm.Orchestrations.Provisioning;

/// <summary>
/// The compute quota record: a limit and the reservations held against it, in one record guarded by
/// its ETag, so concurrent reservations never oversubscribe it.
/// </summary>
/// <remarks>
/// Reservations are kept by sweep id inside the record, which makes reserve and release idempotent:
/// a retried reservation finds itself already held, a retried release finds nothing to remove.
/// </remarks>
public sealed class ComputeQuota(StateStore store, ComputeQuotaOptions options)
{
    /// <summary>Partition and row of the quota record.</summary>
    public const string Partition = "compute";

    /// <inheritdoc cref="Partition"/>
    public const string Row = "runs";

    private const int MaxAttempts = 20;

    /// <summary>Reserves <see cref="QuotaRequest.Runs"/> for the sweep; no-op if it already holds a reservation.</summary>
    /// <exception cref="QuotaExceededException">The reservation does not fit under the limit.</exception>
    public Task ReserveAsync(QuotaRequest request, CancellationToken cancellationToken = default) =>
        UpdateAsync(holders =>
        {
            ArgumentNullException.ThrowIfNull(request);
            if (holders.ContainsKey(request.SweepId))
            {
                return false;
            }

            var reserved = holders.Values.Sum();
            if (reserved + request.Runs > options.RunLimit)
            {
                throw new QuotaExceededException($"Sweep '{request.SweepId}' needs {request.Runs} runs but only {options.RunLimit - reserved} of {options.RunLimit} are free.");
            }

            holders[request.SweepId] = request.Runs;
            return true;
        }, cancellationToken);

    /// <summary>Releases the sweep's reservation; no-op if it holds none.</summary>
    public Task ReleaseAsync(string sweepId, CancellationToken cancellationToken = default) =>
        UpdateAsync(holders => holders.Remove(sweepId), cancellationToken);

    /// <summary>Runs reserved now, by sweep id.</summary>
    public async Task<IReadOnlyDictionary<string, long>> ReservationsAsync(CancellationToken cancellationToken = default)
    {
        var record = await store.Records.GetAsync(StateLayout.Quotas, Partition, Row, cancellationToken).ConfigureAwait(false);
        return Holders(record);
    }

    private async Task UpdateAsync(Func<Dictionary<string, long>, bool> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var record = await store.Records.GetAsync(StateLayout.Quotas, Partition, Row, cancellationToken).ConfigureAwait(false);
            var holders = Holders(record);
            if (!change(holders))
            {
                return;
            }

            var properties = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["limit"] = options.RunLimit,
                ["reserved"] = holders.Values.Sum(),
                ["holders"] = JsonSerializer.Serialize(holders),
            };
            try
            {
                if (record is null)
                {
                    await store.Records.InsertAsync(new StateRecord(StateLayout.Quotas, Partition, Row, properties), cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await store.Records.ReplaceAsync(record with { Properties = properties }, cancellationToken).ConfigureAwait(false);
                }

                return;
            }
            catch (RecordConflictException) when (attempt < MaxAttempts)
            {
                // Another reservation won the race: read the new state and decide again.
            }
        }
    }

    private static Dictionary<string, long> Holders(StateRecord? record) =>
        record?.GetString("holders") is { } json
            ? JsonSerializer.Deserialize<Dictionary<string, long>>(json) ?? new Dictionary<string, long>(StringComparer.Ordinal)
            : new Dictionary<string, long>(StringComparer.Ordinal);
}
