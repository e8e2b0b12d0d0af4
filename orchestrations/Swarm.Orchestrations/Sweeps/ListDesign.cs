namespace Swarm.Orchestrations.Sweeps;

/// <summary>Explicitly listed design points.</summary>
public sealed record ListDesign(IReadOnlyList<IReadOnlyDictionary<string, object?>> Listed) : SweepDesign
{
    /// <inheritdoc />
    public override IReadOnlyList<string> VariedParameters =>
        [.. Listed.SelectMany(p => p.Keys).Distinct(StringComparer.Ordinal)];

    /// <inheritdoc />
    public override int PointCount => Listed.Count;

    /// <inheritdoc />
    protected override IReadOnlyList<IReadOnlyDictionary<string, object?>> PointsCore(ulong seed, int start, int count) =>
        [.. Listed.Skip(start).Take(count)];
}
