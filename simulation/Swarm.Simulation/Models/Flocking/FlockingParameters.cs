using Swarm.Simulation.Catalog;

namespace Swarm.Simulation.Models.Flocking;

/// <summary>Parameters of <see cref="Flocking"/>; <see cref="Small"/> and <see cref="Large"/> are the framework comparison's sizes.</summary>
public sealed record FlockingParameters
{
    [Parameter("Width of the periodic space.", Min = 1e-3, Max = 1e7)]
    public double Width { get; init; } = 100;

    [Parameter("Height of the periodic space.", Min = 1e-3, Max = 1e7)]
    public double Height { get; init; } = 100;

    [Parameter("Number of birds.", Min = 0, Max = 10_000_000)]
    public int Birds { get; init; } = 200;

    [Parameter("Radius within which a bird sees others.", Min = 1e-6, Max = 1e7)]
    public double VisualDistance { get; init; } = 5;

    [Parameter("Distance a bird moves per step.", Min = 0, Max = 1e7)]
    public double Speed { get; init; } = 1;

    [Parameter("Weight of flying towards the neighbours' mean position.", Min = 0, Max = 1e3)]
    public double CohereFactor { get; init; } = 0.03;

    [Parameter("Minimum distance a bird keeps from its neighbours.", Min = 0, Max = 1e7)]
    public double Separation { get; init; } = 1;

    [Parameter("Weight of moving away from neighbours closer than separation.", Min = 0, Max = 1e3)]
    public double SeparateFactor { get; init; } = 0.015;

    [Parameter("Weight of matching the neighbours' heading.", Min = 0, Max = 1e3)]
    public double MatchFactor { get; init; } = 0.05;

    /// <summary>The comparison's small model: 100×100, 200 birds, visual distance 5.</summary>
    public static FlockingParameters Small { get; } = new();

    /// <summary>The comparison's large model: 150×150, 400 birds, visual distance 15.</summary>
    public static FlockingParameters Large { get; } = new() { Width = 150, Height = 150, Birds = 400, VisualDistance = 15 };
}
