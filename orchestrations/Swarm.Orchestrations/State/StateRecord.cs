namespace Swarm.Orchestrations.State;

/// <summary>
/// One record of the state store: a table row addressed by (table, partition key, row key) with typed properties.
/// </summary>
/// <remarks>
/// Property values are <see cref="string"/>, <see cref="long"/>, <see cref="double"/>, <see cref="bool"/>,
/// <see cref="DateTimeOffset"/> or <see cref="byte"/>[] — the types both Azure Tables (Edm) and the
/// embedded store keep exactly; <see cref="int"/> is accepted and widened to <see cref="long"/>.
/// </remarks>
/// <param name="Table">Table name (letters and digits, starting with a letter).</param>
/// <param name="PartitionKey">Partition key: records sharing it can be written in one batch.</param>
/// <param name="RowKey">Row key, unique within the partition; records are listed in its ordinal order.</param>
/// <param name="Properties">The typed properties.</param>
/// <param name="ETag">The version the record was read at; null for a new record.</param>
public sealed record StateRecord(
    string Table,
    string PartitionKey,
    string RowKey,
    IReadOnlyDictionary<string, object?> Properties,
    string? ETag = null)
{
    /// <summary>Property <paramref name="name"/> as a string (null when absent).</summary>
    public string? GetString(string name) => Properties.TryGetValue(name, out var v) ? v as string : null;

    /// <summary>Property <paramref name="name"/> as a whole number (null when absent).</summary>
    public long? GetInt64(string name) => Properties.TryGetValue(name, out var v) ? v switch { long l => l, int i => i, _ => null } : null;

    /// <summary>Property <paramref name="name"/> as a real number (null when absent).</summary>
    public double? GetDouble(string name) => Properties.TryGetValue(name, out var v) ? v switch { double d => d, long l => l, int i => i, _ => null } : null;

    /// <summary>Property <paramref name="name"/> as a boolean (null when absent).</summary>
    public bool? GetBoolean(string name) => Properties.TryGetValue(name, out var v) && v is bool b ? b : null;

    /// <summary>Property <paramref name="name"/> as a point in time (null when absent).</summary>
    public DateTimeOffset? GetDateTime(string name) => Properties.TryGetValue(name, out var v) && v is DateTimeOffset d ? d : null;
}
