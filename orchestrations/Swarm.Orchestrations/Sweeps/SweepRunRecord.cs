using System.Globalization;
using Swarm.Orchestrations.State;

namespace Swarm.Orchestrations.Sweeps;

/// <summary>One run's result in the <see cref="StateLayout.SweepResults"/> table: partition = sweep id, row = zero-padded run index.</summary>
public static class SweepRunRecord
{
    /// <summary>The row key of run <paramref name="run"/>.</summary>
    public static string RowKey(long run) => run.ToString("D10", CultureInfo.InvariantCulture);

    /// <summary>The record of a finished run.</summary>
    public static StateRecord Create(SweepRunRequest run, IReadOnlyDictionary<string, double> values, ulong stateHash, double elapsedMs)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(values);
        var properties = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["point"] = (long)run.Point,
            ["replicate"] = (long)run.Replicate,
            ["seed"] = run.Seed.ToString(CultureInfo.InvariantCulture),
            ["steps"] = run.Steps,
            ["stateHash"] = stateHash.ToString("x16", CultureInfo.InvariantCulture),
            ["elapsedMs"] = elapsedMs,
        };
        foreach (var metric in run.Metrics)
        {
            properties["m_" + metric] = values[metric];
        }

        return new StateRecord(StateLayout.SweepResults, run.SweepId, RowKey(run.Run), properties);
    }

    /// <summary>The values of <paramref name="metrics"/> in a stored run record (NaN for one that is missing).</summary>
    public static double[] Metrics(StateRecord record, IReadOnlyList<string> metrics)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(metrics);
        return [.. metrics.Select(m => record.GetDouble("m_" + m) ?? double.NaN)];
    }
}
