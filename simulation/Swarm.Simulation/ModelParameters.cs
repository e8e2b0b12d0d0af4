using System.Collections;
using System.Globalization;

namespace Swarm.Simulation;

/// <summary>
/// A model's complete, validated parameter set: every parameter of its schema, with values
/// normalised to <see cref="long"/>, <see cref="double"/>, <see cref="bool"/> or <see cref="string"/>.
/// </summary>
/// <remarks>Immutable; ordered by name, so two equal sets enumerate (and checkpoint) identically.</remarks>
public sealed class ModelParameters : IReadOnlyDictionary<string, object?>
{
    private readonly SortedDictionary<string, object?> _values;

    /// <summary>Creates a set from already-normalised values.</summary>
    public ModelParameters(IEnumerable<KeyValuePair<string, object?>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            _values[key] = value switch
            {
                null or long or double or bool or string => value,
                int i => (long)i,
                float f => (double)f,
                _ => throw new ArgumentException($"Parameter '{key}' has unsupported type {value.GetType().Name}.", nameof(values)),
            };
        }
    }

    /// <inheritdoc />
    public object? this[string key] => _values[key];

    /// <inheritdoc />
    public IEnumerable<string> Keys => _values.Keys;

    /// <inheritdoc />
    public IEnumerable<object?> Values => _values.Values;

    /// <inheritdoc />
    public int Count => _values.Count;

    /// <inheritdoc />
    public bool ContainsKey(string key) => _values.ContainsKey(key);

    /// <inheritdoc />
    public bool TryGetValue(string key, out object? value) => _values.TryGetValue(key, out value);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>An integer parameter.</summary>
    public int GetInt32(string name) => _values[name] switch
    {
        long l => checked((int)l),
        var v => throw new InvalidOperationException($"Parameter '{name}' is {v?.GetType().Name ?? "null"}, not an integer."),
    };

    /// <summary>A real parameter (integers widen).</summary>
    public double GetDouble(string name) => _values[name] switch
    {
        double d => d,
        long l => l,
        var v => throw new InvalidOperationException($"Parameter '{name}' is {v?.GetType().Name ?? "null"}, not a number."),
    };

    /// <summary>A boolean parameter.</summary>
    public bool GetBoolean(string name) => _values[name] is bool b
        ? b
        : throw new InvalidOperationException($"Parameter '{name}' is not a boolean.");

    /// <summary>A string or choice parameter.</summary>
    public string GetString(string name) => _values[name] as string
        ?? throw new InvalidOperationException($"Parameter '{name}' is not a string.");

    /// <inheritdoc />
    public override string ToString() =>
        string.Join(", ", _values.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key}={kv.Value}")));
}
