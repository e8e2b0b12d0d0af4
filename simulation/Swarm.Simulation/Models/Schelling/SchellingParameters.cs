using Swarm.Simulation.Catalog;

namespace Swarm.Simulation.Models.Schelling;

/// <summary>Parameters of <see cref="SchellingModel"/>; <see cref="Small"/> and <see cref="Large"/> are the framework comparison's sizes.</summary>
public sealed record SchellingParameters
{
    /// <summary>Grid width.</summary>
    public int Width { get; init; } = 40;

    /// <summary>Grid height.</summary>
    public int Height { get; init; } = 40;

    /// <summary>Number of agents, half in each group.</summary>
    public int Agents { get; init; } = 1000;

    /// <summary>Neighbourhood radius (Chebyshev).</summary>
    public int Radius { get; init; } = 1;

    /// <summary>Same-group neighbours an agent needs to be happy.</summary>
    public int MinToBeHappy { get; init; } = 3;

    /// <summary>Whether the grid wraps (the comparison uses a bounded grid).</summary>
    public bool Torus { get; init; }

    /// <summary>Collect data every this many steps; 0 = never.</summary>
    public int CollectEvery { get; init; } = 1;

    /// <summary>Collect one row per agent at each collection.</summary>
    public bool CollectAgents { get; init; }

    /// <summary>The comparison's small model: 40×40, 1000 agents, radius 1, 3 to be happy.</summary>
    public static SchellingParameters Small { get; } = new();

    /// <summary>The comparison's large model: 100×100, 8000 agents, radius 2, 8 to be happy.</summary>
    public static SchellingParameters Large { get; } = new() { Width = 100, Height = 100, Agents = 8000, Radius = 2, MinToBeHappy = 8 };

    /// <summary>The parameter schema.</summary>
    public static IReadOnlyList<ParameterSpec> Schema { get; } =
    [
        ParameterSpec.Int("width", 40, 1, 100_000, "Grid width in cells."),
        ParameterSpec.Int("height", 40, 1, 100_000, "Grid height in cells."),
        ParameterSpec.Int("agents", 1000, 0, 100_000_000, "Number of agents (half per group); at most width × height."),
        ParameterSpec.Int("radius", 1, 1, 50, "Neighbourhood radius in Chebyshev distance."),
        ParameterSpec.Int("minToBeHappy", 3, 0, 10_000, "Same-group neighbours needed to be happy."),
        ParameterSpec.Bool("torus", false, "Whether the grid wraps around at the edges."),
        ParameterSpec.CollectEvery,
        ParameterSpec.CollectAgents,
    ];

    /// <summary>Cross-parameter rules the per-parameter ranges cannot express.</summary>
    public static IEnumerable<ParameterError> CheckRules(ModelParameters p)
    {
        ArgumentNullException.ThrowIfNull(p);
        if (p.GetInt32("agents") > (long)p.GetInt32("width") * p.GetInt32("height"))
        {
            yield return new ParameterError("agents", $"{p.GetInt32("agents")} agents do not fit on a {p.GetInt32("width")}×{p.GetInt32("height")} grid with one agent per cell.");
        }
    }

    /// <summary>The typed parameters of a validated set.</summary>
    public static SchellingParameters From(ModelParameters p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new()
        {
            Width = p.GetInt32("width"),
            Height = p.GetInt32("height"),
            Agents = p.GetInt32("agents"),
            Radius = p.GetInt32("radius"),
            MinToBeHappy = p.GetInt32("minToBeHappy"),
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
        new("agents", (long)Agents),
        new("radius", (long)Radius),
        new("minToBeHappy", (long)MinToBeHappy),
        new("torus", Torus),
        new("collectEvery", (long)CollectEvery),
        new("collectAgents", CollectAgents),
    ]);
}
