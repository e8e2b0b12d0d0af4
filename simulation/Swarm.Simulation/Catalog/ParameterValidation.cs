using System.Globalization;
using System.Text.Json;

namespace Swarm.Simulation.Catalog;

/// <summary>
/// Checks request parameters against a schema and normalises them, collecting every error
/// (unknown name, wrong type, out of range, broken cross-parameter rule) rather than stopping at the first.
/// </summary>
/// <remarks>
/// Values may arrive as CLR primitives or as <see cref="JsonElement"/>s. An <see cref="ParameterType.Int"/>
/// accepts any whole number, including doubles such as <c>40.0</c> that JSON readers produce;
/// a fractional or non-finite number is a type error, never silently rounded. Omitted parameters
/// take their defaults. Cross-parameter rules run only once every single parameter is valid.
/// </remarks>
public static class ParameterValidation
{
    /// <summary>Every error in <paramref name="values"/> (empty when valid).</summary>
    public static IReadOnlyList<ParameterError> Validate(
        IReadOnlyList<ParameterSpec> schema,
        IReadOnlyDictionary<string, object?>? values,
        Func<ModelParameters, IEnumerable<ParameterError>>? rules = null) =>
        Normalise(schema, values, rules).Errors;

    /// <summary>The complete normalised parameter set (defaults filled in), or null with every error.</summary>
    public static (ModelParameters? Parameters, IReadOnlyList<ParameterError> Errors) Normalise(
        IReadOnlyList<ParameterSpec> schema,
        IReadOnlyDictionary<string, object?>? values,
        Func<ModelParameters, IEnumerable<ParameterError>>? rules = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var errors = new List<ParameterError>();
        var result = new List<KeyValuePair<string, object?>>(schema.Count);
        values ??= new Dictionary<string, object?>();
        foreach (var key in values.Keys.Order(StringComparer.Ordinal))
        {
            if (!schema.Any(s => string.Equals(s.Name, key, StringComparison.Ordinal)))
            {
                var near = schema.FirstOrDefault(s => string.Equals(s.Name, key, StringComparison.OrdinalIgnoreCase));
                var hint = near is null ? string.Empty : $" Did you mean '{near.Name}'?";
                errors.Add(new ParameterError(key, $"Unknown parameter.{hint} Known: {string.Join(", ", schema.Select(s => s.Name))}."));
            }
        }

        foreach (var spec in schema)
        {
            if (!values.TryGetValue(spec.Name, out var raw))
            {
                result.Add(new(spec.Name, spec.Default));
                continue;
            }

            var (value, error) = Convert(spec, raw);
            if (error is not null)
            {
                errors.Add(new ParameterError(spec.Name, error));
            }
            else
            {
                result.Add(new(spec.Name, value));
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var parameters = new ModelParameters(result);
        if (rules is not null)
        {
            errors.AddRange(rules(parameters));
        }

        return errors.Count > 0 ? (null, errors) : (parameters, errors);
    }

    private static (object? Value, string? Error) Convert(ParameterSpec spec, object? raw)
    {
        if (raw is JsonElement element)
        {
            raw = FromJson(element);
        }

        switch (spec.Type)
        {
            case ParameterType.Int:
                {
                    long? whole = raw switch
                    {
                        int i => i,
                        long l => l,
                        short s => s,
                        byte b => b,
                        uint u => u,
                        ulong u when u <= long.MaxValue => (long)u,
                        double d when double.IsFinite(d) && Math.Floor(d) == d && Math.Abs(d) < 9e15 => (long)d,
                        float f when float.IsFinite(f) && MathF.Floor(f) == f && Math.Abs(f) < 9e15 => (long)f,
                        decimal m when decimal.Floor(m) == m && Math.Abs(m) < 9e15m => (long)m,
                        _ => null,
                    };
                    if (whole is null)
                    {
                        return (null, $"Expected a whole number, got {Describe(raw)}.");
                    }

                    return InRange(spec, whole.Value) ?? ((object?)whole.Value, null);
                }

            case ParameterType.Double:
                {
                    double? number = raw switch
                    {
                        int i => i,
                        long l => l,
                        short s => s,
                        byte b => b,
                        uint u => u,
                        ulong u => u,
                        double d => d,
                        float f => f,
                        decimal m => (double)m,
                        _ => null,
                    };
                    if (number is null)
                    {
                        return (null, $"Expected a number, got {Describe(raw)}.");
                    }

                    if (!double.IsFinite(number.Value))
                    {
                        return (null, $"Expected a finite number, got {Describe(raw)}.");
                    }

                    return InRange(spec, number.Value) ?? ((object?)number.Value, null);
                }

            case ParameterType.Bool:
                return raw is bool flag ? (flag, null) : (null, $"Expected true or false, got {Describe(raw)}.");

            case ParameterType.String:
                return raw is string str ? (str, null) : (null, $"Expected a string, got {Describe(raw)}.");

            case ParameterType.Choice:
                {
                    if (raw is not string text)
                    {
                        return (null, $"Expected one of {string.Join(", ", spec.Choices ?? [])}, got {Describe(raw)}.");
                    }

                    var match = spec.Choices?.FirstOrDefault(c => string.Equals(c, text, StringComparison.OrdinalIgnoreCase));
                    return match is null
                        ? (null, $"Expected one of {string.Join(", ", spec.Choices ?? [])}, got \"{text}\".")
                        : (match, null);
                }

            default:
                return (null, $"Unsupported parameter type {spec.Type}.");
        }
    }

    private static (object? Value, string? Error)? InRange(ParameterSpec spec, double value)
    {
        if ((spec.Min is { } min && value < min) || (spec.Max is { } max && value > max))
        {
            return (null, string.Create(CultureInfo.InvariantCulture, $"{value} is out of range [{spec.Min?.ToString(CultureInfo.InvariantCulture) ?? "-inf"}, {spec.Max?.ToString(CultureInfo.InvariantCulture) ?? "inf"}]."));
        }

        return null;
    }

    private static object? FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number when element.TryGetInt64(out var l) => l,
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => element,
    };

    private static string Describe(object? raw) => raw switch
    {
        null => "null",
        string s => $"the string \"{s}\"",
        bool b => b ? "true" : "false",
        JsonElement e => $"a JSON {e.ValueKind.ToString().ToLowerInvariant()}",
        IFormattable f => $"{f.ToString(null, CultureInfo.InvariantCulture)} ({raw.GetType().Name})",
        _ => $"a {raw.GetType().Name}",
    };
}
