using System.Text.Json.Serialization;
using Swarm.Simulation.Randomness;

namespace Swarm.Orchestrations.Sweeps;

/// <summary>
/// Design points sampled from parameter ranges: independently uniform (<see cref="SamplingMethod.Random"/>)
/// or stratified so each range's <c>n</c> equal bins hold exactly one point (<see cref="SamplingMethod.LatinHypercube"/>).
/// </summary>
/// <remarks>
/// Points are drawn from a stream derived from the sweep seed only, so the same spec gives the same
/// points on every machine and after every restart. The whole sample is drawn at once because a
/// Latin hypercube's strata are permutations over all points.
/// </remarks>
public sealed record SampledDesign(SamplingMethod Method, IReadOnlyList<ParameterRange> Ranges, int Samples) : SweepDesign
{
    // The design's own stream ("SWEEPSAM"), apart from every run's stream keyed by its replicate.
    private const ulong SampleStreamKey = 0x5357_4545_5053_414D;

    /// <inheritdoc />
    [JsonIgnore]
    public override IReadOnlyList<string> VariedParameters => [.. Ranges.Select(r => r.Name)];

    /// <inheritdoc />
    [JsonIgnore]
    public override int PointCount => Samples;

    /// <inheritdoc />
    protected override IReadOnlyList<IReadOnlyDictionary<string, object?>> PointsCore(ulong seed, int start, int count)
    {
        var units = UnitSample(seed);
        var points = new IReadOnlyDictionary<string, object?>[count];
        for (var i = 0; i < count; i++)
        {
            var values = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var r = 0; r < Ranges.Count; r++)
            {
                values[Ranges[r].Name] = Ranges[r].Scale(units[r][start + i]);
            }

            points[i] = values;
        }

        return points;
    }

    /// <summary>All points in the unit hypercube: <c>[range][point]</c>, each in [0, 1).</summary>
    public double[][] UnitSample(ulong seed)
    {
        var random = SimulationRandom.ForRun(seed, SampleStreamKey);
        var units = new double[Ranges.Count][];
        for (var r = 0; r < Ranges.Count; r++)
        {
            units[r] = new double[Samples];
            if (Method == SamplingMethod.Random)
            {
                for (var i = 0; i < Samples; i++)
                {
                    units[r][i] = random.NextDouble();
                }

                continue;
            }

            // Latin hypercube: a random permutation of strata per dimension, a uniform offset inside each stratum.
            var strata = new int[Samples];
            for (var i = 0; i < Samples; i++)
            {
                strata[i] = i;
            }

            for (var i = Samples - 1; i > 0; i--)
            {
                var j = random.NextInt(i + 1);
                (strata[i], strata[j]) = (strata[j], strata[i]);
            }

            for (var i = 0; i < Samples; i++)
            {
                units[r][i] = (strata[i] + random.NextDouble()) / Samples;
            }
        }

        return units;
    }
}
