using Swarm.Simulation.Catalog;

namespace Swarm.Simulation.Models.WolfSheep;

/// <summary>Parameters of <see cref="WolfSheep"/>; <see cref="Small"/> and <see cref="Large"/> are the framework comparison's sizes.</summary>
public sealed record WolfSheepParameters
{
    [Parameter("Grid width in cells.", Min = 1, Max = 100_000)]
    public int Width { get; init; } = 25;

    [Parameter("Grid height in cells.", Min = 1, Max = 100_000)]
    public int Height { get; init; } = 25;

    [Parameter("Sheep at the start.", Min = 0, Max = 10_000_000)]
    public int InitialSheep { get; init; } = 60;

    [Parameter("Wolves at the start.", Min = 0, Max = 10_000_000)]
    public int InitialWolves { get; init; } = 40;

    [Parameter("Steps for eaten grass to grow back.", Min = 1, Max = 1_000_000)]
    public int GrassRegrowthTime { get; init; } = 20;

    [Parameter("Probability per step that a sheep reproduces.", Min = 0, Max = 1)]
    public double SheepReproduce { get; init; } = 0.2;

    [Parameter("Probability per step that a wolf reproduces.", Min = 0, Max = 1)]
    public double WolfReproduce { get; init; } = 0.1;

    [Parameter("Energy a sheep gains from eating grass.", Min = 0, Max = 1e6)]
    public double SheepGainFromFood { get; init; } = 5;

    [Parameter("Energy a wolf gains from eating a sheep.", Min = 0, Max = 1e6)]
    public double WolfGainFromFood { get; init; } = 13;

    [Parameter("Whether the grid wraps around at the edges.")]
    public bool Torus { get; init; }

    /// <summary>The comparison's small model: 25×25, 60 sheep, 40 wolves, regrowth 20, reproduction 0.2 / 0.1.</summary>
    public static WolfSheepParameters Small { get; } = new();

    /// <summary>The comparison's large model: 100×100, 1000 sheep, 500 wolves, regrowth 10, reproduction 0.4 / 0.2.</summary>
    public static WolfSheepParameters Large { get; } = new()
    {
        Width = 100,
        Height = 100,
        InitialSheep = 1000,
        InitialWolves = 500,
        GrassRegrowthTime = 10,
        SheepReproduce = 0.4,
        WolfReproduce = 0.2,
    };
}
