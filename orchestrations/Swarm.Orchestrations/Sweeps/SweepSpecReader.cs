using System.Globalization;
using System.Text.Json;
using Swarm.Simulation.Catalog;

namespace Swarm.Orchestrations.Sweeps;

/// <summary>
/// Reads a sweep from JSON and checks it against the model catalog, reporting every problem with
/// its JSON path instead of stopping at the first.
/// </summary>
/// <remarks>
/// The format:
/// <code>
/// { "model": "schelling", "preset": "small", "parameters": { "width": 40 },
///   "design": { "type": "grid", "factors": { "minToBeHappy": [2, 3, 4] } }
///            | { "type": "list", "points": [ { "radius": 1 }, { "radius": 2 } ] }
///            | { "type": "random" | "latinHypercube", "samples": 20, "ranges": { "density": { "min": 0.1, "max": 0.9 } } },
///   "replicates": 10, "seed": 42, "steps": 20, "metrics": ["happyFraction"], "mainMetric": "happyFraction" }
/// </code>
/// Unknown properties are errors: a misspelt option silently ignored would run the wrong sweep.
/// Every expanded point is validated, so a sweep that starts never fails for its parameters.
/// </remarks>
public sealed class SweepSpecReader(ModelCatalog catalog)
{
    /// <summary>The most runs (points × replicates) one sweep may ask for.</summary>
    public const long MaxRuns = 1_000_000;

    /// <summary>The most steps one run may ask for.</summary>
    public const int MaxSteps = 10_000_000;

    /// <summary>The top-level properties of a sweep document.</summary>
    public static readonly IReadOnlyList<string> TopLevel = ["model", "preset", "parameters", "design", "replicates", "seed", "steps", "metrics", "mainMetric"];

    /// <summary>Further top-level properties an envelope may carry (e.g. a job's <c>kind</c>); they are allowed and ignored.</summary>
    public IReadOnlyList<string> EnvelopeProperties { get; init; } = [];

    /// <summary>Parses and validates <paramref name="json"/>; null with every error when it is not a valid sweep.</summary>
    /// <param name="json">The sweep document.</param>
    /// <param name="errors">Every problem found, with its JSON path.</param>
    public SweepSpec? Read(string json, out IReadOnlyList<SpecError> errors)
    {
        ArgumentNullException.ThrowIfNull(json);
        var problems = new List<SpecError>();
        errors = problems;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            problems.Add(new SpecError(e.Path ?? "$", $"Not valid JSON: {e.Message}"));
            return null;
        }

        using (document)
        {
            return Read(document.RootElement, problems);
        }
    }

    /// <summary>Validates an already parsed sweep (e.g. an HTTP body or a queue message).</summary>
    public SweepSpec? Read(JsonElement root, out IReadOnlyList<SpecError> errors)
    {
        var problems = new List<SpecError>();
        errors = problems;
        return Read(root, problems);
    }

    private SweepSpec? Read(JsonElement root, List<SpecError> errors)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new SpecError("$", "A sweep is a JSON object."));
            return null;
        }

        Unknown(root, "$", [.. TopLevel, .. EnvelopeProperties], errors);
        var modelName = RequiredString(root, "$", "model", errors);
        ModelDefinition? model = null;
        if (modelName is not null && !catalog.TryGet(modelName, out model))
        {
            errors.Add(new SpecError("$.model", $"Unknown model '{modelName}'; known: {string.Join(", ", catalog.Models.Select(m => m.Name))}."));
        }

        var preset = OptionalString(root, "$", "preset", errors);
        if (model is not null && preset is not null && !model.Presets.ContainsKey(preset))
        {
            errors.Add(new SpecError("$.preset", $"Unknown preset '{preset}' of '{model.Name}'; known: {string.Join(", ", model.Presets.Keys)}."));
        }

        var fixedValues = root.TryGetProperty("parameters", out var parameters)
            ? ValueObject(parameters, "$.parameters", errors)
            : new Dictionary<string, object?>(StringComparer.Ordinal);
        var design = root.TryGetProperty("design", out var designElement)
            ? Design(designElement, model, errors)
            : Missing<SweepDesign>("$", "design", errors);
        var replicates = (int)(Integer(root, "$", "replicates", 1, 1, 100_000, errors) ?? 1);
        var seed = Seed(root, errors);
        var steps = (int)(Integer(root, "$", "steps", null, 0, MaxSteps, errors) ?? 0);
        var metrics = Metrics(root, model, errors);
        var mainMetric = OptionalString(root, "$", "mainMetric", errors) ?? metrics.FirstOrDefault();
        if (mainMetric is not null && metrics.Count > 0 && !metrics.Contains(mainMetric, StringComparer.Ordinal))
        {
            errors.Add(new SpecError("$.mainMetric", $"'{mainMetric}' is not among the summarised metrics ({string.Join(", ", metrics)})."));
        }

        if (design is not null && (long)design.PointCount * replicates > MaxRuns)
        {
            errors.Add(new SpecError("$.design", $"{design.PointCount} points × {replicates} replicates is more than {MaxRuns} runs."));
        }

        // Points are checked even when other fields are wrong, so one pass reports every problem.
        if (model is not null && design is not null && design.PointCount <= MaxRuns)
        {
            CheckPoints(model, preset, fixedValues, design, seed, errors);
        }

        if (errors.Count > 0 || model is null || design is null || mainMetric is null)
        {
            return null;
        }

        return new SweepSpec(model.Name, preset, fixedValues, design, replicates, seed, steps, metrics, mainMetric);
    }

    /// <summary>Validates every expanded point exactly as the runs will create their models.</summary>
    private static void CheckPoints(ModelDefinition model, string? preset, Dictionary<string, object?> fixedValues, SweepDesign design, ulong seed, List<SpecError> errors)
    {
        var varied = new HashSet<string>(design.VariedParameters, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var points = design.Points(seed);
        for (var i = 0; i < points.Count; i++)
        {
            foreach (var error in model.Normalise(SweepParameters.Merge(model, preset, fixedValues, points[i])).Errors)
            {
                var path = varied.Contains(error.Parameter) ? DesignPath(design, i, error.Parameter)
                    : fixedValues.ContainsKey(error.Parameter) ? $"$.parameters.{error.Parameter}"
                    : "$";
                if (seen.Add(path + error.Message))
                {
                    errors.Add(new SpecError(path, error.Message));
                }
            }
        }
    }

    private static string DesignPath(SweepDesign design, int point, string parameter) => design switch
    {
        GridDesign => $"$.design.factors.{parameter}",
        ListDesign => $"$.design.points[{point}].{parameter}",
        _ => $"$.design.ranges.{parameter}",
    };

    private static SweepDesign? Design(JsonElement element, ModelDefinition? model, List<SpecError> errors)
    {
        const string path = "$.design";
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new SpecError(path, "Expected an object with a \"type\"."));
            return null;
        }

        var type = RequiredString(element, path, "type", errors);
        switch (type)
        {
            case "grid":
                Unknown(element, path, ["type", "factors"], errors);
                return Grid(element, model, errors);
            case "list":
                Unknown(element, path, ["type", "points"], errors);
                return List(element, errors);
            case "random":
            case "latinHypercube":
                Unknown(element, path, ["type", "ranges", "samples"], errors);
                return Sampled(element, type == "random" ? SamplingMethod.Random : SamplingMethod.LatinHypercube, model, errors);
            case null:
                return null;
            default:
                errors.Add(new SpecError($"{path}.type", $"Unknown design '{type}'; known: grid, list, random, latinHypercube."));
                return null;
        }
    }

    private static GridDesign? Grid(JsonElement design, ModelDefinition? model, List<SpecError> errors)
    {
        if (!design.TryGetProperty("factors", out var factors) || factors.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new SpecError("$.design.factors", "A grid needs \"factors\": an object of parameter name → array of levels."));
            return null;
        }

        var result = new List<SweepFactor>();
        foreach (var factor in factors.EnumerateObject())
        {
            var path = $"$.design.factors.{factor.Name}";
            KnownParameter(model, factor.Name, path, errors);
            if (factor.Value.ValueKind != JsonValueKind.Array || factor.Value.GetArrayLength() == 0)
            {
                errors.Add(new SpecError(path, "Expected a non-empty array of levels."));
                continue;
            }

            var levels = new List<object?>();
            var index = 0;
            foreach (var level in factor.Value.EnumerateArray())
            {
                levels.Add(Scalar(level, $"{path}[{index++}]", errors));
            }

            result.Add(new SweepFactor(factor.Name, levels));
        }

        if (result.Count == 0)
        {
            errors.Add(new SpecError("$.design.factors", "A grid needs at least one factor."));
            return null;
        }

        if (result.Aggregate(1L, (n, f) => Math.Min(n * f.Levels.Count, MaxRuns + 1)) > MaxRuns)
        {
            errors.Add(new SpecError("$.design.factors", $"The grid has more than {MaxRuns} points."));
            return null;
        }

        return new GridDesign(result);
    }

    private static ListDesign? List(JsonElement design, List<SpecError> errors)
    {
        if (!design.TryGetProperty("points", out var points) || points.ValueKind != JsonValueKind.Array || points.GetArrayLength() == 0)
        {
            errors.Add(new SpecError("$.design.points", "A list design needs \"points\": a non-empty array of parameter objects."));
            return null;
        }

        var result = new List<IReadOnlyDictionary<string, object?>>();
        var index = 0;
        foreach (var point in points.EnumerateArray())
        {
            result.Add(ValueObject(point, $"$.design.points[{index++}]", errors));
        }

        return new ListDesign(result);
    }

    private static SampledDesign? Sampled(JsonElement design, SamplingMethod method, ModelDefinition? model, List<SpecError> errors)
    {
        var samples = (int)(Integer(design, "$.design", "samples", null, 1, MaxRuns, errors) ?? 0);
        if (!design.TryGetProperty("ranges", out var ranges) || ranges.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new SpecError("$.design.ranges", "A sampled design needs \"ranges\": an object of parameter name → { \"min\", \"max\" }."));
            return null;
        }

        var result = new List<ParameterRange>();
        foreach (var range in ranges.EnumerateObject())
        {
            var path = $"$.design.ranges.{range.Name}";
            var spec = KnownParameter(model, range.Name, path, errors);
            if (spec is not null && spec.Type is not (ParameterType.Int or ParameterType.Double))
            {
                errors.Add(new SpecError(path, $"Only numeric parameters can be sampled; '{range.Name}' is {spec.Type.ToString().ToLowerInvariant()}."));
                continue;
            }

            if (range.Value.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new SpecError(path, "Expected { \"min\": number, \"max\": number }."));
                continue;
            }

            Unknown(range.Value, path, ["min", "max"], errors);
            var min = Number(range.Value, path, "min", errors);
            var max = Number(range.Value, path, "max", errors);
            if (min is null || max is null)
            {
                continue;
            }

            if (min > max)
            {
                errors.Add(new SpecError(path, $"min ({min}) is greater than max ({max})."));
                continue;
            }

            var integer = spec?.Type == ParameterType.Int;
            if (integer && (min != Math.Floor(min.Value) || max != Math.Floor(max.Value)))
            {
                errors.Add(new SpecError(path, $"'{range.Name}' is a whole number: min and max must be whole."));
                continue;
            }

            result.Add(new ParameterRange(range.Name, min.Value, max.Value, integer));
        }

        if (!ranges.EnumerateObject().Any())
        {
            errors.Add(new SpecError("$.design.ranges", "A sampled design needs at least one range."));
        }

        return samples > 0 && result.Count > 0 ? new SampledDesign(method, result, samples) : null;
    }

    private static ParameterSpec? KnownParameter(ModelDefinition? model, string name, string path, List<SpecError> errors)
    {
        if (model is null)
        {
            return null;
        }

        var spec = model.Parameters.FirstOrDefault(p => p.Name == name);
        if (spec is null)
        {
            errors.Add(new SpecError(path, $"'{model.Name}' has no parameter '{name}'; known: {string.Join(", ", model.Parameters.Select(p => p.Name))}."));
        }

        return spec;
    }

    private static List<string> Metrics(JsonElement root, ModelDefinition? model, List<SpecError> errors)
    {
        if (!root.TryGetProperty("metrics", out var metrics))
        {
            return model is null ? [] : [.. model.Reporters];
        }

        if (metrics.ValueKind != JsonValueKind.Array || metrics.GetArrayLength() == 0)
        {
            errors.Add(new SpecError("$.metrics", "Expected a non-empty array of reporter names."));
            return [];
        }

        var result = new List<string>();
        var index = 0;
        foreach (var metric in metrics.EnumerateArray())
        {
            var path = $"$.metrics[{index++}]";
            if (metric.ValueKind != JsonValueKind.String)
            {
                errors.Add(new SpecError(path, "Expected a reporter name."));
            }
            else if (model is not null && !model.Reporters.Contains(metric.GetString()!, StringComparer.Ordinal))
            {
                errors.Add(new SpecError(path, $"'{model.Name}' has no reporter '{metric.GetString()}'; known: {string.Join(", ", model.Reporters)}."));
            }
            else
            {
                result.Add(metric.GetString()!);
            }
        }

        return result;
    }

    private static ulong Seed(JsonElement root, List<SpecError> errors)
    {
        if (!root.TryGetProperty("seed", out var seed))
        {
            return 0;
        }

        if (seed.ValueKind == JsonValueKind.Number && seed.TryGetUInt64(out var value))
        {
            return value;
        }

        errors.Add(new SpecError("$.seed", "Expected a whole number from 0 to 18446744073709551615."));
        return 0;
    }

    private static Dictionary<string, object?> ValueObject(JsonElement element, string path, List<SpecError> errors)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new SpecError(path, "Expected an object of parameter name → value."));
            return values;
        }

        foreach (var property in element.EnumerateObject())
        {
            values[property.Name] = Scalar(property.Value, $"{path}.{property.Name}", errors);
        }

        return values;
    }

    /// <summary>A JSON scalar as the CLR value the catalog validates (long, double, bool, string).</summary>
    private static object? Scalar(JsonElement element, string path, List<SpecError> errors)
    {
        if (element.ValueKind is JsonValueKind.Number or JsonValueKind.String or JsonValueKind.True or JsonValueKind.False)
        {
            return SweepValues.FromJson(element);
        }

        errors.Add(new SpecError(path, $"Expected a number, string or boolean, got {element.ValueKind.ToString().ToLowerInvariant()}."));
        return null;
    }

    private static string? RequiredString(JsonElement parent, string path, string name, List<SpecError> errors) =>
        parent.TryGetProperty(name, out _) ? OptionalString(parent, path, name, errors) : Missing<string>(path, name, errors);

    private static string? OptionalString(JsonElement parent, string path, string name, List<SpecError> errors)
    {
        if (!parent.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString()))
        {
            return value.GetString();
        }

        errors.Add(new SpecError($"{path}.{name}", "Expected a non-empty string."));
        return null;
    }

    private static long? Integer(JsonElement parent, string path, string name, long? fallback, long min, long max, List<SpecError> errors)
    {
        if (!parent.TryGetProperty(name, out var value))
        {
            if (fallback is null)
            {
                Missing<object>(path, name, errors);
            }

            return fallback;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && number == Math.Floor(number) && number >= min && number <= max)
        {
            return (long)number;
        }

        errors.Add(new SpecError($"{path}.{name}", string.Create(CultureInfo.InvariantCulture, $"Expected a whole number from {min} to {max}.")));
        return null;
    }

    private static double? Number(JsonElement parent, string path, string name, List<SpecError> errors)
    {
        if (!parent.TryGetProperty(name, out var value))
        {
            Missing<object>(path, name, errors);
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && double.IsFinite(value.GetDouble()))
        {
            return value.GetDouble();
        }

        errors.Add(new SpecError($"{path}.{name}", "Expected a finite number."));
        return null;
    }

    private static T? Missing<T>(string path, string name, List<SpecError> errors)
        where T : class
    {
        errors.Add(new SpecError($"{path}.{name}", "Required."));
        return null;
    }

    private static void Unknown(JsonElement element, string path, string[] known, List<SpecError> errors)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                errors.Add(new SpecError($"{path}.{property.Name}", $"Unknown property; known: {string.Join(", ", known)}."));
            }
        }
    }
}
