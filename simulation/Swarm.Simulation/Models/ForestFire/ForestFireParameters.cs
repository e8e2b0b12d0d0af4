using Swarm.Simulation.Catalog;

namespace Swarm.Simulation.Models.ForestFire;

/// <summary>Parameters of <see cref="ForestFireModel"/>; <see cref="Small"/> and <see cref="Large"/> are the framework comparison's sizes.</summary>
public sealed record ForestFireParameters
{
    /// <summary>Grid width.</summary>
    public int Width { get; init; } = 100;

    /// <summary>Grid height.</summary>
    public int Height { get; init; } = 100;

    /// <summary>Probability that a cell holds a tree.</summary>
    public double Density { get; init; } = 0.7;

    /// <summary>Whether the grid wraps (the comparison uses a bounded grid).</summary>
    public bool Torus { get; init; }

    /// <summary>Collect data every this many steps; 0 = never.</summary>
    public int CollectEvery { get; init; } = 1;

    /// <summary>Collect one row per tree at each collection.</summary>
    public bool CollectAgents { get; init; }

    /// <summary>The comparison's small model: 100×100, density 0.7.</summary>
    public static ForestFireParameters Small { get; } = new();

    /// <summary>The comparison's large model: 500×500, density 0.9.</summary>
    public static ForestFireParameters Large { get; } = new() { Width = 500, Height = 500, Density = 0.9 };

    /// <summary>The parameter schema.</summary>
    public static IReadOnlyList<ParameterSpec> Schema { get; } =
    [
        ParameterSpec.Int("width", 100, 1, 100_000, "Grid width in cells."),
        ParameterSpec.Int("height", 100, 1, 100_000, "Grid height in cells."),
        ParameterSpec.Double("density", 0.7, 0, 1, "Probability that a cell starts with a tree."),
        ParameterSpec.Bool("torus", false, "Whether the grid wraps around at the edges."),
        ParameterSpec.CollectEvery,
        ParameterSpec.CollectAgents,
    ];

    /// <summary>Cross-parameter rules.</summary>
    public static IEnumerable<ParameterError> CheckRules(ModelParameters p)
    {
        ArgumentNullException.ThrowIfNull(p);
        if ((long)p.GetInt32("width") * p.GetInt32("height") > 100_000_000)
        {
            yield return new ParameterError("width", "The grid may have at most 10^8 cells.");
        }
    }

    /// <summary>The typed parameters of a validated set.</summary>
    public static ForestFireParameters From(ModelParameters p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new()
        {
            Width = p.GetInt32("width"),
            Height = p.GetInt32("height"),
            Density = p.GetDouble("density"),
            Torus = p.GetBoolean("torus"),
            CollectEvery = p.GetInt32("collectEvery"),
            CollectAgents = p.GetBoolean("collectAgents"),
        };
    }

    /// <summary>This set as a generic parameter set.</summary>
    public ModelParameters ToModelParameters() => new(
    [
        new("width", (long)Width),
        new("height", (long)Height),
        new("density", Density),
        new("torus", Torus),
        new("collectEvery", (long)CollectEvery),
        new("collectAgents", CollectAgents),
    ]);
}
