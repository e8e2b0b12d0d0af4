using Swarm.Simulation.Models.Schelling;

namespace Swarm.Simulation.Catalog;

/// <summary>The catalog entries of the reference models.</summary>
internal static class ReferenceModels
{
    public static IEnumerable<ModelDefinition> All()
    {
        yield return new ModelDefinition(
            SchellingModel.CatalogName,
            "Schelling's segregation model on a grid with one agent per cell (ABM framework comparison).",
            SchellingParameters.Schema,
            SchellingModel.ModelReporters,
            static (p, seed, key) => new SchellingModel(SchellingParameters.From(p), seed, key),
            SchellingParameters.CheckRules,
            Presets(SchellingParameters.Small.ToModelParameters(), SchellingParameters.Large.ToModelParameters()));
    }

    private static Dictionary<string, ModelParameters> Presets(ModelParameters small, ModelParameters large) =>
        new(StringComparer.OrdinalIgnoreCase) { ["small"] = small, ["large"] = large };
}
