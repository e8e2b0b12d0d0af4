using Swarm.Orchestrations.State;

namespace Swarm.Orchestrations.Backup;

/// <summary>Compares records by key and typed property values (ETags aside), saying where two differ.</summary>
/// <remarks>
/// A property holding null equals an absent one, because Azure Tables stores no nulls. Doubles compare by value with
/// NaN equal to NaN, times by instant, bytes by content, and an <see cref="int"/> equals the same <see cref="long"/>.
/// </remarks>
public static class RecordDifference
{
    /// <summary>Null when <paramref name="expected"/> and <paramref name="actual"/> hold the same data; otherwise what differs.</summary>
    public static string? Describe(StateRecord expected, StateRecord actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        if (!string.Equals(expected.PartitionKey, actual.PartitionKey, StringComparison.Ordinal) || !string.Equals(expected.RowKey, actual.RowKey, StringComparison.Ordinal))
        {
            return $"expected record ({expected.PartitionKey}, {expected.RowKey}) but found ({actual.PartitionKey}, {actual.RowKey})";
        }

        var names = expected.Properties.Where(p => p.Value is not null).Select(p => p.Key)
            .Union(actual.Properties.Where(p => p.Value is not null).Select(p => p.Key), StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var left = expected.Properties.GetValueOrDefault(name);
            var right = actual.Properties.GetValueOrDefault(name);
            if (!SameValue(left, right))
            {
                return $"record ({expected.PartitionKey}, {expected.RowKey}) property '{name}': expected {Show(left)} but found {Show(right)}";
            }
        }

        return null;
    }

    private static bool SameValue(object? left, object? right) => (Widen(left), Widen(right)) switch
    {
        (null, null) => true,
        (byte[] a, byte[] b) => a.AsSpan().SequenceEqual(b),
        (DateTimeOffset a, DateTimeOffset b) => a.UtcTicks == b.UtcTicks,
        (double a, double b) => a.Equals(b),
        (var a, var b) => a is not null && b is not null && a.GetType() == b.GetType() && a.Equals(b),
    };

    private static object? Widen(object? value) => value is int i ? (long)i : value;

    private static string Show(object? value) => value switch
    {
        null => "nothing",
        byte[] bytes => $"{bytes.Length} bytes",
        _ => $"{value.GetType().Name} '{value}'",
    };
}
