using Swarm.Simulation.Catalog;

namespace Swarm.Simulation.Models.WolfSheep;

/// <summary>Parameters of <see cref="WolfSheepModel"/>; <see cref="Small"/> and <see cref="Large"/> are the framework comparison's sizes.</summary>
public sealed record WolfSheepParameters
{
    /// <summary>Grid width.</summary>
    public int Width { get; init; } = 25;

    /// <summary>Grid height.</summary>
    public int Height { get; init; } = 25;

    /// <summary>Initial sheep.</summary>
    public int InitialSheep { get; init; } = 60;

    /// <summary>Initial wolves.</summary>
    public int InitialWolves { get; init; } = 40;

    /// <summary>Steps for eaten grass to regrow.</summary>
    public int GrassRegrowthTime { get; init; } = 20;

    /// <summary>Per-step reproduction probability of a sheep.</summary>
    public double SheepReproduce { get; init; } = 0.2;

    /// <summary>Per-step reproduction probability of a wolf.</summary>
    public double WolfReproduce { get; init; } = 0.1;

    /// <summary>Energy a sheep gains from grass.</summary>
    public double SheepGainFromFood { get; init; } = 5;

    /// <summary>Energy a wolf gains from a sheep.</summary>
    public double WolfGainFromFood { get; init; } = 13;

    /// <summary>Whether the grid wraps (the comparison uses a bounded grid).</summary>
    public bool Torus { get; init; }

    /// <summary>Collect data every this many steps; 0 = never.</summary>
    public int CollectEvery { get; init; } = 1;

    /// <summary>Collect one row per animal at each collection.</summary>
    public bool CollectAgents { get; init; }

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

    /// <summary>The parameter schema.</summary>
    public static IReadOnlyList<ParameterSpec> Schema { get; } =
    [
        ParameterSpec.Int("width", 25, 1, 100_000, "Grid width in cells."),
        ParameterSpec.Int("height", 25, 1, 100_000, "Grid height in cells."),
        ParameterSpec.Int("initialSheep", 60, 0, 10_000_000, "Sheep at the start."),
        ParameterSpec.Int("initialWolves", 40, 0, 10_000_000, "Wolves at the start."),
        ParameterSpec.Int("grassRegrowthTime", 20, 1, 1_000_000, "Steps for eaten grass to grow back."),
        ParameterSpec.Double("sheepReproduce", 0.2, 0, 1, "Probability per step that a sheep reproduces."),
        ParameterSpec.Double("wolfReproduce", 0.1, 0, 1, "Probability per step that a wolf reproduces."),
        ParameterSpec.Double("sheepGainFromFood", 5, 0, 1e6, "Energy a sheep gains from eating grass."),
        ParameterSpec.Double("wolfGainFromFood", 13, 0, 1e6, "Energy a wolf gains from eating a sheep."),
        ParameterSpec.Bool("torus", false, "Whether the grid wraps around at the edges."),
        ParameterSpec.CollectEvery,
        ParameterSpec.CollectAgents,
    ];

    /// <summary>The typed parameters of a validated set.</summary>
    public static WolfSheepParameters From(ModelParameters p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new()
        {
            Width = p.GetInt32("width"),
            Height = p.GetInt32("height"),
            InitialSheep = p.GetInt32("initialSheep"),
            InitialWolves = p.GetInt32("initialWolves"),
            GrassRegrowthTime = p.GetInt32("grassRegrowthTime"),
            SheepReproduce = p.GetDouble("sheepReproduce"),
            WolfReproduce = p.GetDouble("wolfReproduce"),
            SheepGainFromFood = p.GetDouble("sheepGainFromFood"),
            WolfGainFromFood = p.GetDouble("wolfGainFromFood"),
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
        new("initialSheep", (long)InitialSheep),
        new("initialWolves", (long)InitialWolves),
        new("grassRegrowthTime", (long)GrassRegrowthTime),
        new("sheepReproduce", SheepReproduce),
        new("wolfReproduce", WolfReproduce),
        new("sheepGainFromFood", SheepGainFromFood),
        new("wolfGainFromFood", WolfGainFromFood),
        new("torus", Torus),
        new("collectEvery", (long)CollectEvery),
        new("collectAgents", CollectAgents),
    ]);
}
