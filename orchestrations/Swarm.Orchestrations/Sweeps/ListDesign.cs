using System.Text.Json.Serialization;

namespace Swarm.Orchestrations.Sweeps;

/// <summary>Explicitly listed design points.</summary>
public sealed record ListDesign(IReadOnlyList<IReadOnlyDictionary<string, object?>> Listed) : SweepDesign
{
    /// <summary>The points' values, as long, double, bool or string.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, object?>> Listed { get; } = [.. Listed.Select(SweepValues.Typed)];

    /// <inheritdoc />
    [JsonIgnore]
    public override IReadOnlyList<string> VariedParameters =>
        [.. Listed.SelectMany(p => p.Keys).Distinct(StringComparer.Ordinal)];

    /// <inheritdoc />
    [JsonIgnore]
    public override int PointCount => Listed.Count;

    /// <inheritdoc />
    protected override IReadOnlyList<IReadOnlyDictionary<string, object?>> PointsCore(ulong seed, int start, int count) =>
        [.. Listed.Skip(start).Take(count)];
}
