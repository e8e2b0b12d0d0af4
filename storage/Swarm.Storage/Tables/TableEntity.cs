using System.Collections;
using Azure;

namespace Swarm.Storage.Tables;

/// <summary>
/// A table entity as a dictionary of property name to value, with the system properties alongside.
/// </summary>
/// <remarks>
/// Values keep their Edm type: <see cref="string"/>, <see cref="bool"/>, <see cref="int"/> (Edm.Int32),
/// <see cref="long"/> (Edm.Int64), <see cref="double"/> (Edm.Double), <see cref="Guid"/> (Edm.Guid),
/// <see cref="DateTimeOffset"/> (Edm.DateTime, UTC) and <see cref="byte"/>[] (Edm.Binary). <c>PartitionKey</c>,
/// <c>RowKey</c> and <c>Timestamp</c> are entries of the dictionary too, as the service returns them.
/// </remarks>
public sealed class TableEntity : IDictionary<string, object?>, ITableEntity
{
    private const string PartitionKeyName = "PartitionKey";
    private const string RowKeyName = "RowKey";
    private const string TimestampName = "Timestamp";

    private readonly Dictionary<string, object?> _properties = new(StringComparer.Ordinal);

    /// <summary>Creates an empty entity.</summary>
    public TableEntity()
    {
    }

    /// <summary>Creates an entity with its keys.</summary>
    public TableEntity(string partitionKey, string rowKey)
    {
        PartitionKey = partitionKey;
        RowKey = rowKey;
    }

    /// <summary>Creates an entity from <paramref name="values"/>.</summary>
    public TableEntity(IDictionary<string, object?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var pair in values)
        {
            this[pair.Key] = pair.Value;
        }
    }

    /// <inheritdoc />
    public string PartitionKey
    {
        get => GetString(PartitionKeyName) ?? string.Empty;
        set => _properties[PartitionKeyName] = value;
    }

    /// <inheritdoc />
    public string RowKey
    {
        get => GetString(RowKeyName) ?? string.Empty;
        set => _properties[RowKeyName] = value;
    }

    /// <inheritdoc />
    public DateTimeOffset? Timestamp
    {
        get => GetDateTimeOffset(TimestampName);
        set => _properties[TimestampName] = value;
    }

    /// <inheritdoc />
    public ETag ETag { get; set; }

    /// <inheritdoc />
    public object? this[string key]
    {
        get => _properties.TryGetValue(key, out var value) ? value : null;
        set => _properties[key] = Normalize(value);
    }

    /// <summary>The value of <paramref name="key"/> as a string, or <see langword="null"/>.</summary>
    public string? GetString(string key) => Get<string>(key);

    /// <summary>The value of <paramref name="key"/> as a bool, or <see langword="null"/>.</summary>
    public bool? GetBoolean(string key) => Get<bool?>(key);

    /// <summary>The value of <paramref name="key"/> as an Int32, or <see langword="null"/>.</summary>
    public int? GetInt32(string key) => this[key] switch
    {
        null => null,
        int i => i,
        long l => checked((int)l),
        var other => throw WrongType(key, other, typeof(int)),
    };

    /// <summary>The value of <paramref name="key"/> as an Int64, or <see langword="null"/>.</summary>
    public long? GetInt64(string key) => this[key] switch
    {
        null => null,
        long l => l,
        int i => i,
        var other => throw WrongType(key, other, typeof(long)),
    };

    /// <summary>The value of <paramref name="key"/> as a Double, or <see langword="null"/>.</summary>
    public double? GetDouble(string key) => this[key] switch
    {
        null => null,
        double d => d,
        int i => i,
        var other => throw WrongType(key, other, typeof(double)),
    };

    /// <summary>The value of <paramref name="key"/> as a Guid, or <see langword="null"/>.</summary>
    public Guid? GetGuid(string key) => Get<Guid?>(key);

    /// <summary>The value of <paramref name="key"/> as a DateTimeOffset (UTC), or <see langword="null"/>.</summary>
    public DateTimeOffset? GetDateTimeOffset(string key) => Get<DateTimeOffset?>(key);

    /// <summary>The value of <paramref name="key"/> as bytes, or <see langword="null"/>.</summary>
    public byte[]? GetBinary(string key) => Get<byte[]>(key);

    private T? Get<T>(string key) => this[key] switch
    {
        null => default,
        T value => value,
        var other => throw WrongType(key, other, typeof(T)),
    };

    private static InvalidOperationException WrongType(string key, object value, Type wanted) =>
        new($"Table entity property '{key}' is {value.GetType().Name}, not {Nullable.GetUnderlyingType(wanted)?.Name ?? wanted.Name}.");

    // Values are stored in the one shape the serializer writes, so equal data compares equal after a round trip.
    private static object? Normalize(object? value) => value switch
    {
        DateTime dateTime => new DateTimeOffset(dateTime.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(dateTime, DateTimeKind.Utc) : dateTime.ToUniversalTime()),
        DateTimeOffset offset => offset.ToUniversalTime(),
        BinaryData binary => binary.ToArray(),
        ReadOnlyMemory<byte> memory => memory.ToArray(),
        _ => value,
    };

    /// <inheritdoc />
    public ICollection<string> Keys => _properties.Keys;

    /// <inheritdoc />
    public ICollection<object?> Values => _properties.Values;

    /// <inheritdoc />
    public int Count => _properties.Count;

    /// <inheritdoc />
    public bool IsReadOnly => false;

    /// <inheritdoc />
    public void Add(string key, object? value) => _properties.Add(key, Normalize(value));

    /// <inheritdoc />
    public void Add(KeyValuePair<string, object?> item) => Add(item.Key, item.Value);

    /// <inheritdoc />
    public void Clear() => _properties.Clear();

    /// <inheritdoc />
    public bool Contains(KeyValuePair<string, object?> item) => ((ICollection<KeyValuePair<string, object?>>)_properties).Contains(item);

    /// <inheritdoc />
    public bool ContainsKey(string key) => _properties.ContainsKey(key);

    /// <inheritdoc />
    public void CopyTo(KeyValuePair<string, object?>[] array, int arrayIndex) => ((ICollection<KeyValuePair<string, object?>>)_properties).CopyTo(array, arrayIndex);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _properties.GetEnumerator();

    /// <inheritdoc />
    public bool Remove(string key) => _properties.Remove(key);

    /// <inheritdoc />
    public bool Remove(KeyValuePair<string, object?> item) => ((ICollection<KeyValuePair<string, object?>>)_properties).Remove(item);

    /// <inheritdoc />
    public bool TryGetValue(string key, out object? value) => _properties.TryGetValue(key, out value);

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
