using Swarm.Simulation.Catalog;

namespace Swarm.Orchestrations.Sweeps;

/// <summary>
/// How a run's parameters are assembled: preset, then the sweep's fixed parameters, then the point's
/// varied ones; data collection is off unless the sweep asks for it.
/// </summary>
public static class SweepParameters
{
    /// <summary>The raw parameters of one design point, before the catalog validates and normalises them.</summary>
    public static Dictionary<string, object?> Merge(ModelDefinition model, string? preset, IReadOnlyDictionary<string, object?> fixedValues, IReadOnlyDictionary<string, object?> point)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(fixedValues);
        ArgumentNullException.ThrowIfNull(point);
        var merged = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (preset is not null && model.Presets.TryGetValue(preset, out var presetValues))
        {
            foreach (var (name, value) in presetValues)
            {
                merged[name] = value;
            }
        }

        foreach (var (name, value) in fixedValues)
        {
            merged[name] = value;
        }

        foreach (var (name, value) in point)
        {
            merged[name] = value;
        }

        // A sweep summarises final reporter values only, so per-step collection would be pure cost;
        // a sweep that wants it sets collectEvery itself.
        if (!fixedValues.ContainsKey(ParameterSpec.CollectEvery.Name) && !point.ContainsKey(ParameterSpec.CollectEvery.Name)
            && model.Parameters.Contains(ParameterSpec.CollectEvery))
        {
            merged[ParameterSpec.CollectEvery.Name] = 0L;
        }

        return merged;
    }
}
