using Swarm.Simulation.Catalog;

namespace Swarm.Simulation.Models.Boltzmann;

/// <summary>Parameters of <see cref="BoltzmannWealthModel"/>; <see cref="Small"/> and <see cref="Large"/> are Mesa's benchmark sizes.</summary>
public sealed record BoltzmannParameters
{
    /// <summary>Number of agents.</summary>
    public int Agents { get; init; } = 100;

    /// <summary>Grid width.</summary>
    public int Width { get; init; } = 10;

    /// <summary>Grid height.</summary>
    public int Height { get; init; } = 10;

    /// <summary>Whether the grid wraps (Mesa's benchmark uses a torus).</summary>
    public bool Torus { get; init; } = true;

    /// <summary>Collect data every this many steps; 0 = never.</summary>
    public int CollectEvery { get; init; } = 1;

    /// <summary>Collect one row per agent at each collection.</summary>
    public bool CollectAgents { get; init; }

    /// <summary>Mesa's small benchmark: 100 agents on 10×10.</summary>
    public static BoltzmannParameters Small { get; } = new();

    /// <summary>Mesa's large benchmark: 10 000 agents on 100×100.</summary>
    public static BoltzmannParameters Large { get; } = new() { Agents = 10_000, Width = 100, Height = 100 };

    /// <summary>A scale configuration: <paramref name="agents"/> agents at one agent per cell on a square torus.</summary>
    public static BoltzmannParameters AtScale(int agents)
    {
        var side = (int)Math.Ceiling(Math.Sqrt(agents));
        return new() { Agents = agents, Width = side, Height = side, CollectEvery = 0 };
    }

    /// <summary>The parameter schema.</summary>
    public static IReadOnlyList<ParameterSpec> Schema { get; } =
    [
        ParameterSpec.Int("agents", 100, 0, 100_000_000, "Number of agents, each starting with wealth 1."),
        ParameterSpec.Int("width", 10, 1, 100_000, "Grid width in cells."),
        ParameterSpec.Int("height", 10, 1, 100_000, "Grid height in cells."),
        ParameterSpec.Bool("torus", true, "Whether the grid wraps around at the edges."),
        ParameterSpec.CollectEvery,
        ParameterSpec.CollectAgents,
    ];

    /// <summary>Cross-parameter rules.</summary>
    public static IEnumerable<ParameterError> CheckRules(ModelParameters p)
    {
        ArgumentNullException.ThrowIfNull(p);
        if ((long)p.GetInt32("width") * p.GetInt32("height") > 200_000_000)
        {
            yield return new ParameterError("width", "The grid may have at most 2×10^8 cells.");
        }
    }

    /// <summary>The typed parameters of a validated set.</summary>
    public static BoltzmannParameters From(ModelParameters p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new()
        {
            Agents = p.GetInt32("agents"),
            Width = p.GetInt32("width"),
            Height = p.GetInt32("height"),
            Torus = p.GetBoolean("torus"),
            CollectEvery = p.GetInt32("collectEvery"),
            CollectAgents = p.GetBoolean("collectAgents"),
        };
    }

    /// <summary>This set as a generic parameter set.</summary>
    public ModelParameters ToModelParameters() => new(
    [
        new("agents", (long)Agents),
        new("width", (long)Width),
        new("height", (long)Height),
        new("torus", Torus),
        new("collectEvery", (long)CollectEvery),
        new("collectAgents", CollectAgents),
    ]);
}
