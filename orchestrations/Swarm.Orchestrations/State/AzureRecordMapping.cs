using Azure.Data.Tables;

namespace Swarm.Orchestrations.State;

/// <summary>Converts between <see cref="StateRecord"/>s and Azure Table entities, property type by property type.</summary>
internal static class AzureRecordMapping
{
    private const string PartitionKeyName = "PartitionKey";
    private const string RowKeyName = "RowKey";
    private const string TimestampName = "Timestamp";
    private const int MaxStringLength = 32 * 1024;
    private const int MaxBinaryLength = 64 * 1024;
    private const string TypeAnnotation = "@odata.type";

    /// <summary>The entity for <paramref name="record"/>; <see cref="ArgumentException"/> for a bad name, key or property.</summary>
    public static TableEntity ToEntity(StateRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        StateNames.CheckTable(record.Table);
        StateNames.CheckKey(record.PartitionKey, nameof(record));
        StateNames.CheckKey(record.RowKey, nameof(record));
        ArgumentNullException.ThrowIfNull(record.Properties, nameof(record));
        var entity = new TableEntity(record.PartitionKey, record.RowKey);
        foreach (var (name, value) in record.Properties)
        {
            if (name is PartitionKeyName or RowKeyName or TimestampName || IsAnnotation(name) || name.Length is 0 or > 255)
            {
                throw new ArgumentException($"Property '{name}' has a name Azure Tables reserves or refuses; use 1-255 characters other than PartitionKey, RowKey, Timestamp and odata.*.", nameof(record));
            }

            if (value is string { Length: > MaxStringLength } or byte[] { Length: > MaxBinaryLength })
            {
                throw new ArgumentException($"Property '{name}' is larger than Azure Tables stores in one property (32K characters of text or 64 KiB of bytes); keep large values in a blob.", nameof(record));
            }

            if (value is double d && double.IsInfinity(d))
            {
                // The SDK's JSON writer refuses infinities (it writes NaN as "NaN" only); the service takes the same
                // string form for any Edm.Double when the property is annotated with its type, and reads it back as a double.
                entity[name] = d > 0 ? "Infinity" : "-Infinity";
                entity[name + TypeAnnotation] = "Edm.Double";
                continue;
            }

            entity[name] = value switch
            {
                // Azure Tables has no null: an absent property reads back as null through the record's accessors.
                null => null,
                int i => (long)i,
                string or long or double or bool or DateTimeOffset or byte[] => value,
                _ => throw new ArgumentException($"Property '{name}' has unsupported type {value.GetType().Name}; use string, long, double, bool, DateTimeOffset or byte[].", nameof(record)),
            };
        }

        return entity;
    }

    /// <summary>The record for <paramref name="entity"/> read from <paramref name="table"/>.</summary>
    public static StateRecord ToRecord(string table, TableEntity entity)
    {
        var properties = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in entity)
        {
            if (name is PartitionKeyName or RowKeyName or TimestampName || IsAnnotation(name) || value is null)
            {
                // The SDK keeps the ETag and type annotations in the same dictionary as the properties.
                continue;
            }

            properties[name] = value switch
            {
                int i => (long)i,
                Guid g => g.ToString("D"),
                _ => value,
            };
        }

        return new StateRecord(table, entity.PartitionKey, entity.RowKey, properties, entity.ETag == default ? null : entity.ETag.ToString());
    }

    private static bool IsAnnotation(string name) => name.StartsWith("odata.", StringComparison.Ordinal) || name.Contains("@odata.", StringComparison.Ordinal);
}
