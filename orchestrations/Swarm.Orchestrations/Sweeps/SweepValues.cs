using System.Text.Json;

namespace Swarm.Orchestrations.Sweeps;

/// <summary>
/// The values a sweep holds for parameters — long, double, bool or string, as <see cref="SweepSpecReader"/> reads them —
/// and their recovery from JSON when a sweep has travelled through a workflow's input.
/// </summary>
/// <remarks>
/// A plan's values are typed <see cref="object"/>, which System.Text.Json reads back as <see cref="JsonElement"/>;
/// the sweep's records pass what they are given through here, so a plan read from history holds CLR values again.
/// A double with no fraction comes back as a long (JSON writes 40.0 as 40); the catalog converts each value to its
/// parameter's declared type, so every run's model is the same either way.
/// </remarks>
public static class SweepValues
{
    /// <summary>The CLR value of a JSON scalar (a number written without fraction or exponent as long); null for any other kind.</summary>
    public static object? FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => element.TryGetInt64(out var integer) ? integer : (object)element.GetDouble(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    /// <summary><paramref name="values"/> with any JSON element replaced by its CLR value.</summary>
    public static IReadOnlyDictionary<string, object?> Typed(IReadOnlyDictionary<string, object?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.Values.Any(v => v is JsonElement)
            ? values.ToDictionary(p => p.Key, p => Typed(p.Value), StringComparer.Ordinal)
            : values;
    }

    /// <inheritdoc cref="Typed(IReadOnlyDictionary{string, object?})"/>
    public static IReadOnlyList<object?> Typed(IReadOnlyList<object?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.Any(v => v is JsonElement) ? [.. values.Select(Typed)] : values;
    }

    private static object? Typed(object? value) => value is JsonElement element ? FromJson(element) : value;
}
