using System.Text.Json;
using Swarm.Orchestrations.Sweeps;
using Swarm.Simulation;
using Swarm.Simulation.Catalog;

namespace Swarm.Orchestrations.Jobs;

/// <summary>
/// Reads and validates jobs — the one schema behind <c>POST /api/simulations</c>, <c>POST /api/sweeps</c>
/// and Service Bus messages — reporting every problem with its JSON path.
/// </summary>
/// <remarks>
/// A simulation job: <c>{"model", "preset"?, "parameters"?, "seed"?, "steps", "chunkSteps"?}</c>.
/// A sweep job: a sweep document (see <see cref="SweepSpecReader"/>). A message whose kind is not
/// implied by where it arrived carries <c>"kind": "simulation" | "sweep"</c>.
/// </remarks>
public sealed class JobReader(ModelCatalog catalog)
{
    /// <summary>The most steps one simulation job may ask for.</summary>
    public const long MaxSteps = 100_000_000;

    private static readonly string[] SimulationProperties = ["kind", "model", "preset", "parameters", "seed", "steps", "chunkSteps"];

    /// <summary>Reads a job whose kind is given by its <c>kind</c> property.</summary>
    public Job? Read(string json, out IReadOnlyList<SpecError> errors) => Read(json, kind: null, out errors);

    /// <summary>Reads a job of <paramref name="kind"/> (or, when null, of the kind its <c>kind</c> property names).</summary>
    public Job? Read(string json, JobKind? kind, out IReadOnlyList<SpecError> errors)
    {
        ArgumentNullException.ThrowIfNull(json);
        var problems = new List<SpecError>();
        errors = problems;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            problems.Add(new SpecError(e.Path ?? "$", $"Not valid JSON: {e.Message}"));
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problems.Add(new SpecError("$", "A job is a JSON object."));
                return null;
            }

            kind ??= Kind(root, problems);
            switch (kind)
            {
                case JobKind.Simulation:
                    var simulation = Simulation(root, problems);
                    return simulation is null ? null : new Job(JobKind.Simulation, simulation, null);
                case JobKind.Sweep:
                    var sweep = new SweepSpecReader(catalog) { EnvelopeProperties = ["kind"] }.Read(root, out var sweepErrors);
                    problems.AddRange(sweepErrors);
                    return sweep is null ? null : new Job(JobKind.Sweep, null, sweep);
                default:
                    return null;
            }
        }
    }

    private static JobKind? Kind(JsonElement root, List<SpecError> errors)
    {
        if (!root.TryGetProperty("kind", out var kind))
        {
            errors.Add(new SpecError("$.kind", "Required: \"simulation\" or \"sweep\"."));
            return null;
        }

        switch (kind.ValueKind == JsonValueKind.String ? kind.GetString() : null)
        {
            case "simulation":
                return JobKind.Simulation;
            case "sweep":
                return JobKind.Sweep;
            default:
                errors.Add(new SpecError("$.kind", "Expected \"simulation\" or \"sweep\"."));
                return null;
        }
    }

    private SimulationJob? Simulation(JsonElement root, List<SpecError> errors)
    {
        foreach (var property in root.EnumerateObject())
        {
            if (!SimulationProperties.Contains(property.Name, StringComparer.Ordinal))
            {
                errors.Add(new SpecError($"$.{property.Name}", $"Unknown property; known: {string.Join(", ", SimulationProperties)}."));
            }
        }

        ModelDefinition? model = null;
        if (!root.TryGetProperty("model", out var modelElement) || modelElement.ValueKind != JsonValueKind.String)
        {
            errors.Add(new SpecError("$.model", "Required: a model name."));
        }
        else if (!catalog.TryGet(modelElement.GetString()!, out model))
        {
            errors.Add(new SpecError("$.model", $"Unknown model '{modelElement.GetString()}'; known: {string.Join(", ", catalog.Models.Select(m => m.Name))}."));
        }

        var raw = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (root.TryGetProperty("preset", out var preset))
        {
            if (preset.ValueKind != JsonValueKind.String || model is not null && !model.Presets.ContainsKey(preset.GetString()!))
            {
                errors.Add(new SpecError("$.preset", model is null ? "Expected a preset name." : $"Unknown preset; known: {string.Join(", ", model.Presets.Keys)}."));
            }
            else if (model is not null)
            {
                foreach (var (name, value) in model.Presets[preset.GetString()!])
                {
                    raw[name] = value;
                }
            }
        }

        var explicitNames = new HashSet<string>(StringComparer.Ordinal);
        if (root.TryGetProperty("parameters", out var parameters))
        {
            if (parameters.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new SpecError("$.parameters", "Expected an object of parameter name → value."));
            }
            else
            {
                foreach (var parameter in parameters.EnumerateObject())
                {
                    raw[parameter.Name] = parameter.Value.Clone();
                    explicitNames.Add(parameter.Name);
                }
            }
        }

        var seed = 0UL;
        if (root.TryGetProperty("seed", out var seedElement) && !(seedElement.ValueKind == JsonValueKind.Number && seedElement.TryGetUInt64(out seed)))
        {
            errors.Add(new SpecError("$.seed", "Expected a whole number from 0 to 18446744073709551615."));
        }

        var steps = WholeNumber(root, "steps", required: true, 0, MaxSteps, 0, errors);
        var chunkSteps = WholeNumber(root, "chunkSteps", required: false, 1, 10_000_000, 1000, errors);

        ModelParameters? normalised = null;
        if (model is not null)
        {
            var (values, parameterErrors) = model.Normalise(raw);
            normalised = values;
            errors.AddRange(parameterErrors.Select(e => new SpecError(explicitNames.Contains(e.Parameter) ? $"$.parameters.{e.Parameter}" : "$.parameters", $"{e.Parameter}: {e.Message}")));
        }

        return errors.Count > 0 || model is null || normalised is null
            ? null
            : new SimulationJob(model.Name, new Dictionary<string, object?>(normalised, StringComparer.Ordinal), seed, steps, (int)chunkSteps);
    }

    private static long WholeNumber(JsonElement root, string name, bool required, long min, long max, long fallback, List<SpecError> errors)
    {
        if (!root.TryGetProperty(name, out var value))
        {
            if (required)
            {
                errors.Add(new SpecError($"$.{name}", "Required."));
            }

            return fallback;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) && number >= min && number <= max)
        {
            return number;
        }

        errors.Add(new SpecError($"$.{name}", $"Expected a whole number from {min} to {max}."));
        return fallback;
    }
}
