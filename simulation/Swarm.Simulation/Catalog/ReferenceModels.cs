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
            Presets(SchellingParameters.Small.ToModelParameters(), SchellingParameters.Large.ToModelParameters()),
            Domains(("happy", MetricDomain.Count), ("happyFraction", MetricDomain.Fraction), ("moved", MetricDomain.Count)));

        yield return new ModelDefinition(
            FlockingModel.CatalogName,
            "Boids flocking in a periodic continuous space (ABM framework comparison).",
            FlockingParameters.Schema,
            FlockingModel.ModelReporters,
            static (p, seed, key) => new FlockingModel(FlockingParameters.From(p), seed, key),
            presets: Presets(FlockingParameters.Small.ToModelParameters(), FlockingParameters.Large.ToModelParameters()),
            metricDomains: Domains(("alignment", MetricDomain.Fraction), ("meanNeighbours", MetricDomain.NonNegative)));

        yield return new ModelDefinition(
            WolfSheepModel.CatalogName,
            "Wolf-sheep-grass predation on a grid (ABM framework comparison).",
            WolfSheepParameters.Schema,
            WolfSheepModel.ModelReporters,
            static (p, seed, key) => new WolfSheepModel(WolfSheepParameters.From(p), seed, key),
            presets: Presets(WolfSheepParameters.Small.ToModelParameters(), WolfSheepParameters.Large.ToModelParameters()),
            metricDomains: Domains(("sheep", MetricDomain.Count), ("wolves", MetricDomain.Count), ("grass", MetricDomain.Count)));

        yield return new ModelDefinition(
            ForestFireModel.CatalogName,
            "Forest fire spreading through a grid of trees (ABM framework comparison).",
            ForestFireParameters.Schema,
            ForestFireModel.ModelReporters,
            static (p, seed, key) => new ForestFireModel(ForestFireParameters.From(p), seed, key),
            ForestFireParameters.CheckRules,
            Presets(ForestFireParameters.Small.ToModelParameters(), ForestFireParameters.Large.ToModelParameters()),
            Domains(("green", MetricDomain.Count), ("burning", MetricDomain.Count), ("burnt", MetricDomain.Count), ("burntFraction", MetricDomain.Fraction)));

        yield return new ModelDefinition(
            BoltzmannWealthModel.CatalogName,
            "Boltzmann wealth exchange on a grid (Mesa's benchmark model).",
            BoltzmannParameters.Schema,
            BoltzmannWealthModel.ModelReporters,
            static (p, seed, key) => new BoltzmannWealthModel(BoltzmannParameters.From(p), seed, key),
            BoltzmannParameters.CheckRules,
            Presets(BoltzmannParameters.Small.ToModelParameters(), BoltzmannParameters.Large.ToModelParameters()),
            Domains(("gini", MetricDomain.Fraction), ("totalWealth", MetricDomain.Count), ("maxWealth", MetricDomain.Count)));
    }

    private static Dictionary<string, MetricDomain> Domains(params (string Reporter, MetricDomain Domain)[] domains) =>
        domains.ToDictionary(d => d.Reporter, d => d.Domain, StringComparer.Ordinal);

    private static Dictionary<string, ModelParameters> Presets(ModelParameters small, ModelParameters large) =>
        new(StringComparer.OrdinalIgnoreCase) { ["small"] = small, ["large"] = large };
}
