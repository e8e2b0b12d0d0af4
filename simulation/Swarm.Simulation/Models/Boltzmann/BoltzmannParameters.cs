using Swarm.Simulation.Catalog;

namespace Swarm.Simulation.Models.Boltzmann;

/// <summary>Parameters of <see cref="Boltzmann"/>; <see cref="Small"/> and <see cref="Large"/> are Mesa's benchmark sizes.</summary>
public sealed record BoltzmannParameters : IParameterRules
{
    [Parameter("Number of agents, each starting with wealth 1.", Min = 0, Max = 100_000_000)]
    public int Agents { get; init; } = 100;

    [Parameter("Grid width in cells.", Min = 1, Max = 100_000)]
    public int Width { get; init; } = 10;

    [Parameter("Grid height in cells.", Min = 1, Max = 100_000)]
    public int Height { get; init; } = 10;

    [Parameter("Whether the grid wraps around at the edges.")]
    public bool Torus { get; init; } = true;

    /// <summary>Mesa's small benchmark: 100 agents on 10×10.</summary>
    public static BoltzmannParameters Small { get; } = new();

    /// <summary>Mesa's large benchmark: 10,000 agents on 100×100.</summary>
    public static BoltzmannParameters Large { get; } = new() { Agents = 10_000, Width = 100, Height = 100 };

    /// <summary>A square grid with about one agent per cell, for scale runs.</summary>
    public static BoltzmannParameters AtScale(int agents)
    {
        var side = (int)Math.Ceiling(Math.Sqrt(agents));
        return new() { Agents = agents, Width = side, Height = side };
    }

    /// <inheritdoc />
    public IEnumerable<ParameterError> Check()
    {
        if ((long)Width * Height > 200_000_000)
        {
            yield return ParameterError.For(nameof(Width), "The grid may have at most 2×10^8 cells.");
        }
    }
}
