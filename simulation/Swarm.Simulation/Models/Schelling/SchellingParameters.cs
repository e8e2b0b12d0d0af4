using Swarm.Simulation.Catalog;

namespace Swarm.Simulation.Models.Schelling;

/// <summary>Parameters of <see cref="Schelling"/>; <see cref="Small"/> and <see cref="Large"/> are the framework comparison's sizes.</summary>
public sealed record SchellingParameters : IParameterRules
{
    [Parameter("Grid width in cells.", Min = 1, Max = 100_000)]
    public int Width { get; init; } = 40;

    [Parameter("Grid height in cells.", Min = 1, Max = 100_000)]
    public int Height { get; init; } = 40;

    [Parameter("Number of agents (half per group); at most width × height.", Min = 0, Max = 100_000_000)]
    public int Agents { get; init; } = 1000;

    [Parameter("Neighbourhood radius in Chebyshev distance.", Min = 1, Max = 50)]
    public int Radius { get; init; } = 1;

    [Parameter("Same-group neighbours needed to be happy.", Min = 0, Max = 10_000)]
    public int MinToBeHappy { get; init; } = 3;

    [Parameter("Whether the grid wraps around at the edges.")]
    public bool Torus { get; init; }

    /// <summary>The comparison's small model: 40×40, 1000 agents, radius 1, 3 to be happy.</summary>
    public static SchellingParameters Small { get; } = new();

    /// <summary>The comparison's large model: 100×100, 8000 agents, radius 2, 8 to be happy.</summary>
    public static SchellingParameters Large { get; } = new() { Width = 100, Height = 100, Agents = 8000, Radius = 2, MinToBeHappy = 8 };

    /// <inheritdoc />
    public IEnumerable<ParameterError> Check()
    {
        if (Agents > (long)Width * Height)
        {
            yield return ParameterError.For(nameof(Agents), $"{Agents} agents do not fit on a {Width}×{Height} grid with one agent per cell.");
        }
    }
}
