using Swarm.Simulation.Models.Boltzmann;
using Swarm.Simulation.Models.Flocking;
using Swarm.Simulation.Models.ForestFire;
using Swarm.Simulation.Models.Schelling;
using Swarm.Simulation.Models.WolfSheep;

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

        yield return new ModelDefinition(
            FlockingModel.CatalogName,
            "Boids flocking in a periodic continuous space (ABM framework comparison).",
            FlockingParameters.Schema,
            FlockingModel.ModelReporters,
            static (p, seed, key) => new FlockingModel(FlockingParameters.From(p), seed, key),
            presets: Presets(FlockingParameters.Small.ToModelParameters(), FlockingParameters.Large.ToModelParameters()));

        yield return new ModelDefinition(
            WolfSheepModel.CatalogName,
            "Wolf-sheep-grass predation on a grid (ABM framework comparison).",
            WolfSheepParameters.Schema,
            WolfSheepModel.ModelReporters,
            static (p, seed, key) => new WolfSheepModel(WolfSheepParameters.From(p), seed, key),
            presets: Presets(WolfSheepParameters.Small.ToModelParameters(), WolfSheepParameters.Large.ToModelParameters()));

        yield return new ModelDefinition(
            ForestFireModel.CatalogName,
            "Forest fire spreading through a grid of trees (ABM framework comparison).",
            ForestFireParameters.Schema,
            ForestFireModel.ModelReporters,
            static (p, seed, key) => new ForestFireModel(ForestFireParameters.From(p), seed, key),
            ForestFireParameters.CheckRules,
            Presets(ForestFireParameters.Small.ToModelParameters(), ForestFireParameters.Large.ToModelParameters()));

        yield return new ModelDefinition(
            BoltzmannWealthModel.CatalogName,
            "Boltzmann wealth exchange on a grid (Mesa's benchmark model).",
            BoltzmannParameters.Schema,
            BoltzmannWealthModel.ModelReporters,
            static (p, seed, key) => new BoltzmannWealthModel(BoltzmannParameters.From(p), seed, key),
            BoltzmannParameters.CheckRules,
            Presets(BoltzmannParameters.Small.ToModelParameters(), BoltzmannParameters.Large.ToModelParameters()));
    }

    private static Dictionary<string, ModelParameters> Presets(ModelParameters small, ModelParameters large) =>
        new(StringComparer.OrdinalIgnoreCase) { ["small"] = small, ["large"] = large };
}
