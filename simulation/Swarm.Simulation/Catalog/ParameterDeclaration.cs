using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;

namespace Swarm.Simulation.Catalog;

/// <summary>
/// What a parameter record declares, read once per record type: the schema (names, types, defaults, ranges,
/// descriptions), the presets, the cross-parameter rules, and the binding between records and <see cref="ModelParameters"/>.
/// </summary>
/// <remarks>
/// Each public settable property is a parameter named in camelCase; its type is a whole number (<c>int</c>,
/// <c>long</c>), a real (<c>double</c>), <c>bool</c>, <c>string</c> or an enum (a choice of its member names). The two
/// collection parameters every model has, <c>collectEvery</c> and <c>collectAgents</c>, are appended. A declaration
/// that cannot work (an unsupported type, an empty or inverted range, a default outside its range, a clash of names)
/// is listed in <see cref="Problems"/>, and a catalog refuses the model.
/// </remarks>
public sealed class ParameterDeclaration
{
    private static readonly ConcurrentDictionary<Type, ParameterDeclaration> Known = new();

    private readonly PropertyInfo[] _properties;
    private readonly Type _type;

    private ParameterDeclaration(Type type)
    {
        _type = type;
        var problems = new List<string>();
        var specs = new List<ParameterSpec>();
        var properties = new List<PropertyInfo>();
        object? defaults = null;
        try
        {
            defaults = Activator.CreateInstance(type);
        }
        catch (Exception e) when (e is MissingMethodException or TargetInvocationException or MemberAccessException)
        {
            problems.Add($"parameter record {type.Name} needs a public parameterless constructor ({(e.InnerException ?? e).Message})");
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is not { IsPublic: true } || property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var spec = Describe(property, defaults, problems);
            if (spec is null)
            {
                continue;
            }

            if (specs.Any(s => s.Name == spec.Name) || spec.Name is "collectEvery" or "collectAgents")
            {
                problems.Add($"parameter '{spec.Name}' is declared twice (collectEvery and collectAgents belong to every model)");
                continue;
            }

            specs.Add(spec);
            properties.Add(property);
        }

        specs.Add(ParameterSpec.CollectEvery);
        specs.Add(ParameterSpec.CollectAgents);
        _properties = [.. properties];
        Schema = specs;
        Problems = problems;
        var presets = new Dictionary<string, ModelParameters>(StringComparer.OrdinalIgnoreCase);
        if (problems.Count == 0)
        {
            foreach (var preset in type.GetProperties(BindingFlags.Public | BindingFlags.Static).Where(p => p.PropertyType == type && p.GetMethod is not null))
            {
                var values = preset.GetValue(null) is { } record ? ToModelParameters(record, new ModelContext()) : null;
                var errors = values is null ? [new ParameterError(NameOf(preset.Name), "is null")] : Validate(values);
                if (errors.Count > 0)
                {
                    problems.Add($"preset '{NameOf(preset.Name)}' is invalid: {string.Join("; ", errors)}");
                }
                else
                {
                    presets[NameOf(preset.Name)] = values!;
                }
            }
        }

        Presets = presets;
    }

    /// <summary>The declaration of parameter record <paramref name="type"/>.</summary>
    public static ParameterDeclaration For(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return Known.GetOrAdd(type, static t => new ParameterDeclaration(t));
    }

    /// <summary>The request name of record property <paramref name="property"/>: camelCase.</summary>
    public static string NameOf(string property)
    {
        ArgumentException.ThrowIfNullOrEmpty(property);
        return char.ToLowerInvariant(property[0]) + property[1..];
    }

    /// <summary>The parameter schema, collection parameters last.</summary>
    public IReadOnlyList<ParameterSpec> Schema { get; }

    /// <summary>The record's presets by name (its public static properties of its own type).</summary>
    public IReadOnlyDictionary<string, ModelParameters> Presets { get; }

    /// <summary>What is wrong with the declaration itself; empty when it is usable.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>Every error of <paramref name="values"/>: ranges and types first, then the record's rules.</summary>
    public IReadOnlyList<ParameterError> Validate(IReadOnlyDictionary<string, object?> values) => Normalise(values).Errors;

    /// <summary>Validates and normalises raw request values; omitted ones take their defaults.</summary>
    public (ModelParameters? Parameters, IReadOnlyList<ParameterError> Errors) Normalise(IReadOnlyDictionary<string, object?>? values) =>
        ParameterValidation.Normalise(Schema, values, typeof(IParameterRules).IsAssignableFrom(_type) ? p => ((IParameterRules)Bind(p)).Check() : null);

    /// <summary>The record holding a validated parameter set.</summary>
    public object Bind(ModelParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var record = Activator.CreateInstance(_type)!;
        foreach (var property in _properties)
        {
            var value = parameters[NameOf(property.Name)];
            var target = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            property.SetValue(record, value switch
            {
                null => null,
                string text when target.IsEnum => Enum.Parse(target, text, ignoreCase: true),
                _ => Convert.ChangeType(value, target, CultureInfo.InvariantCulture),
            });
        }

        return record;
    }

    /// <summary>A record's values as a parameter set, with the collection settings of <paramref name="context"/>.</summary>
    public ModelParameters ToModelParameters(object record, ModelContext context)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(context);
        var values = _properties.Select(p => new KeyValuePair<string, object?>(NameOf(p.Name), Normalised(p.GetValue(record))))
            .Append(new("collectEvery", (long)context.CollectEvery))
            .Append(new("collectAgents", context.CollectAgents));
        return new ModelParameters(values);
    }

    private static object? Normalised(object? value) => value switch
    {
        Enum e => e.ToString(),
        int i => (long)i,
        float f => (double)f,
        long or double or bool or string or null => value,
        IConvertible c => c.ToInt64(CultureInfo.InvariantCulture),
        _ => value,
    };

    private static ParameterSpec? Describe(PropertyInfo property, object? defaults, List<string> problems)
    {
        var name = NameOf(property.Name);
        var attribute = property.GetCustomAttribute<ParameterAttribute>();
        var description = attribute?.Description ?? property.Name;
        var type = property.PropertyType;
        var value = defaults is null ? null : Normalised(property.GetValue(defaults));
        ParameterSpec spec;
        if (type == typeof(int) || type == typeof(long))
        {
            var (low, high) = type == typeof(int) ? ((double)int.MinValue, (double)int.MaxValue) : (long.MinValue, long.MaxValue);
            spec = new ParameterSpec(name, ParameterType.Int, value, description) { Min = Bound(attribute?.Min, low), Max = Bound(attribute?.Max, high) };
        }
        else if (type == typeof(double))
        {
            spec = new ParameterSpec(name, ParameterType.Double, value, description) { Min = Bound(attribute?.Min, null), Max = Bound(attribute?.Max, null) };
        }
        else if (type == typeof(bool) || type == typeof(string) || type.IsEnum)
        {
            if (attribute is not null && (!double.IsNaN(attribute.Min) || !double.IsNaN(attribute.Max)))
            {
                problems.Add($"parameter '{name}' is not a number but declares a range");
            }

            spec = type.IsEnum
                ? new ParameterSpec(name, ParameterType.Choice, value, description) { Choices = Enum.GetNames(type) }
                : new ParameterSpec(name, type == typeof(bool) ? ParameterType.Bool : ParameterType.String, value, description);
        }
        else
        {
            problems.Add($"parameter '{name}' has type {type.Name}; parameters are int, long, double, bool, string or an enum");
            return null;
        }

        if (spec.Min > spec.Max)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"parameter '{name}' has Min {spec.Min} above Max {spec.Max}"));
        }
        else if (value is long or double && (Convert.ToDouble(value, CultureInfo.InvariantCulture) < spec.Min || Convert.ToDouble(value, CultureInfo.InvariantCulture) > spec.Max))
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"parameter '{name}' defaults to {value}, outside its range [{spec.Min}, {spec.Max}]"));
        }

        return spec;
    }

    private static double? Bound(double? declared, double? typeBound) =>
        declared is { } d && !double.IsNaN(d) ? d : typeBound;
}
