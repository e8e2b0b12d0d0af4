using Swarm.Simulation.Catalog;

namespace Swarm.Simulation.Models.ForestFire;

/// <summary>Parameters of <see cref="ForestFire"/>; <see cref="Small"/> and <see cref="Large"/> are the framework comparison's sizes.</summary>
public sealed record ForestFireParameters : IParameterRules
{
    [Parameter("Grid width in cells.", Min = 1, Max = 100_000)]
    public int Width { get; init; } = 100;

    [Parameter("Grid height in cells.", Min = 1, Max = 100_000)]
    public int Height { get; init; } = 100;

    [Parameter("Probability that a cell starts with a tree.", Min = 0, Max = 1)]
    public double Density { get; init; } = 0.7;

    [Parameter("Whether the grid wraps around at the edges.")]
    public bool Torus { get; init; }

    /// <summary>The comparison's small model: 100×100, density 0.7.</summary>
    public static ForestFireParameters Small { get; } = new();

    /// <summary>The comparison's large model: 500×500, density 0.9.</summary>
    public static ForestFireParameters Large { get; } = new() { Width = 500, Height = 500, Density = 0.9 };

    /// <inheritdoc />
    public IEnumerable<ParameterError> Check()
    {
        if ((long)Width * Height > 100_000_000)
        {
            yield return ParameterError.For(nameof(Width), "The grid may have at most 10^8 cells.");
        }
    }
}
