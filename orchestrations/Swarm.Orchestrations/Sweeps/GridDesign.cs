using System.Text.Json.Serialization;

namespace Swarm.Orchestrations.Sweeps;

/// <summary>The full factorial grid: every combination of every factor's levels (Mesa's <c>batch_run</c>).</summary>
/// <remarks>The last factor varies fastest, so points are in lexicographic order of level indices.</remarks>
public sealed record GridDesign(IReadOnlyList<SweepFactor> Factors) : SweepDesign
{
    /// <inheritdoc />
    [JsonIgnore]
    public override IReadOnlyList<string> VariedParameters => [.. Factors.Select(f => f.Name)];

    /// <inheritdoc />
    [JsonIgnore]
    public override int PointCount => Factors.Aggregate(1, (count, f) => checked(count * f.Levels.Count));

    /// <inheritdoc />
    protected override IReadOnlyList<IReadOnlyDictionary<string, object?>> PointsCore(ulong seed, int start, int count) =>
        [.. Enumerable.Range(start, count).Select(Point)];

    private Dictionary<string, object?> Point(int index)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var f = Factors.Count - 1; f >= 0; f--)
        {
            var levels = Factors[f].Levels;
            values[Factors[f].Name] = levels[index % levels.Count];
            index /= levels.Count;
        }

        return values;
    }
}
