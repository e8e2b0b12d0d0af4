using System.Text.Json.Serialization;

namespace Swarm.Orchestrations.Sweeps;

/// <summary>How a sweep chooses the values of its varied parameters: one set of values per design point.</summary>
/// <remarks>
/// Expansion is deterministic: the same design and seed always give the same points in the same
/// order, so a point's index identifies it across restarts and resumptions.
/// </remarks>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(GridDesign), "grid")]
[JsonDerivedType(typeof(ListDesign), "list")]
[JsonDerivedType(typeof(SampledDesign), "sampled")]
public abstract record SweepDesign
{
    /// <summary>The parameters this design varies, in the order charts and tables show them.</summary>
    [JsonIgnore]
    public abstract IReadOnlyList<string> VariedParameters { get; }

    /// <summary>The number of design points.</summary>
    [JsonIgnore]
    public abstract int PointCount { get; }

    /// <summary>The varied values of points <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> - 1, in index order.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, object?>> Points(ulong seed, int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + count, PointCount, nameof(count));
        return PointsCore(seed, start, count);
    }

    /// <summary>Every point, in index order.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, object?>> Points(ulong seed) => Points(seed, 0, PointCount);

    /// <summary>Computes a validated range of points.</summary>
    protected abstract IReadOnlyList<IReadOnlyDictionary<string, object?>> PointsCore(ulong seed, int start, int count);
}
