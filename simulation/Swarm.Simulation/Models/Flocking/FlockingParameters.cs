using Swarm.Simulation.Catalog;

namespace Swarm.Simulation.Models.Flocking;

/// <summary>Parameters of <see cref="FlockingModel"/>; <see cref="Small"/> and <see cref="Large"/> are the framework comparison's sizes.</summary>
public sealed record FlockingParameters
{
    /// <summary>Space width.</summary>
    public double Width { get; init; } = 100;

    /// <summary>Space height.</summary>
    public double Height { get; init; } = 100;

    /// <summary>Number of birds.</summary>
    public int Birds { get; init; } = 200;

    /// <summary>Radius within which a bird sees others.</summary>
    public double VisualDistance { get; init; } = 5;

    /// <summary>Distance moved per step.</summary>
    public double Speed { get; init; } = 1;

    /// <summary>Weight of flying towards neighbours' mean position.</summary>
    public double CohereFactor { get; init; } = 0.03;

    /// <summary>Minimum distance a bird keeps from others.</summary>
    public double Separation { get; init; } = 1;

    /// <summary>Weight of moving away from too-close neighbours.</summary>
    public double SeparateFactor { get; init; } = 0.015;

    /// <summary>Weight of matching neighbours' heading.</summary>
    public double MatchFactor { get; init; } = 0.05;

    /// <summary>Collect data every this many steps; 0 = never.</summary>
    public int CollectEvery { get; init; } = 1;

    /// <summary>Collect one row per bird at each collection.</summary>
    public bool CollectAgents { get; init; }

    /// <summary>The comparison's small model: 100×100, 200 birds, visual distance 5.</summary>
    public static FlockingParameters Small { get; } = new();

    /// <summary>The comparison's large model: 150×150, 400 birds, visual distance 15.</summary>
    public static FlockingParameters Large { get; } = new() { Width = 150, Height = 150, Birds = 400, VisualDistance = 15 };

    /// <summary>The parameter schema.</summary>
    public static IReadOnlyList<ParameterSpec> Schema { get; } =
    [
        ParameterSpec.Double("width", 100, 1e-3, 1e7, "Width of the periodic space."),
        ParameterSpec.Double("height", 100, 1e-3, 1e7, "Height of the periodic space."),
        ParameterSpec.Int("birds", 200, 0, 10_000_000, "Number of birds."),
        ParameterSpec.Double("visualDistance", 5, 1e-6, 1e7, "Radius within which a bird sees others."),
        ParameterSpec.Double("speed", 1, 0, 1e7, "Distance a bird moves per step."),
        ParameterSpec.Double("cohereFactor", 0.03, 0, 1e3, "Weight of flying towards the neighbours' mean position."),
        ParameterSpec.Double("separation", 1, 0, 1e7, "Minimum distance a bird keeps from its neighbours."),
        ParameterSpec.Double("separateFactor", 0.015, 0, 1e3, "Weight of moving away from neighbours closer than separation."),
        ParameterSpec.Double("matchFactor", 0.05, 0, 1e3, "Weight of matching the neighbours' heading."),
        ParameterSpec.CollectEvery,
        ParameterSpec.CollectAgents,
    ];

    /// <summary>The typed parameters of a validated set.</summary>
    public static FlockingParameters From(ModelParameters p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new()
        {
            Width = p.GetDouble("width"),
            Height = p.GetDouble("height"),
            Birds = p.GetInt32("birds"),
            VisualDistance = p.GetDouble("visualDistance"),
            Speed = p.GetDouble("speed"),
            CohereFactor = p.GetDouble("cohereFactor"),
            Separation = p.GetDouble("separation"),
            SeparateFactor = p.GetDouble("separateFactor"),
            MatchFactor = p.GetDouble("matchFactor"),
            CollectEvery = p.GetInt32("collectEvery"),
            CollectAgents = p.GetBoolean("collectAgents"),
        };
    }

    /// <summary>This set as a generic parameter set.</summary>
    public ModelParameters ToModelParameters() => new(
    [
        new("width", Width),
        new("height", Height),
        new("birds", (long)Birds),
        new("visualDistance", VisualDistance),
        new("speed", Speed),
        new("cohereFactor", CohereFactor),
        new("separation", Separation),
        new("separateFactor", SeparateFactor),
        new("matchFactor", MatchFactor),
        new("collectEvery", (long)CollectEvery),
        new("collectAgents", CollectAgents),
    ]);
}
