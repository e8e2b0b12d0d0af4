namespace Swarm.Orchestrations.Sweeps;

/// <summary>One varied parameter of a grid and the levels it takes.</summary>
public sealed record SweepFactor(string Name, IReadOnlyList<object?> Levels)
{
    /// <summary>The levels, as long, double, bool or string.</summary>
    public IReadOnlyList<object?> Levels { get; } = SweepValues.Typed(Levels);
}
