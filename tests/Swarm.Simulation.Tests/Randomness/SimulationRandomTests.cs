using Swarm.Simulation.Randomness;

namespace Swarm.Simulation.Tests.Randomness;

public sealed class SimulationRandomTests
{
    [Fact]
    public void NextUInt64_ReferenceState_MatchesPublishedXoshiroOutputs()
    {
        // Reference outputs of xoshiro256** from state {1, 2, 3, 4} (Blackman & Vigna's C code).
        var random = SimulationRandom.FromState(1, 2, 3, 4);
        Assert.Equal(11520UL, random.NextUInt64());
        Assert.Equal(0UL, random.NextUInt64());
        Assert.Equal(1509978240UL, random.NextUInt64());
        Assert.Equal(1215971899390074240UL, random.NextUInt64());
    }

    [Fact]
    public void SplitMix64_ReferenceSeed_MatchesPublishedOutputs()
    {
        var state = 1234567UL;
        Assert.Equal(6457827717110365317UL, SplitMix64.Next(ref state));
        Assert.Equal(3203168211198807973UL, SplitMix64.Next(ref state));
        Assert.Equal(9817491932198370423UL, SplitMix64.Next(ref state));
    }

    [Fact]
    public void ForRun_SameSeedAndKey_SameStream()
    {
        var a = SimulationRandom.ForRun(42, 7);
        var b = SimulationRandom.ForRun(42, 7);
        for (var i = 0; i < 1000; i++)
        {
            Assert.Equal(a.NextUInt64(), b.NextUInt64());
        }
    }

    [Theory]
    [InlineData(42UL, 7UL, 43UL, 7UL)]
    [InlineData(42UL, 7UL, 42UL, 8UL)]
    [InlineData(42UL, 7UL, 43UL, 6UL)]
    [InlineData(0UL, 0UL, 0UL, 1UL)]
    public void ForRun_DifferentSeedOrKey_DifferentStream(ulong seedA, ulong keyA, ulong seedB, ulong keyB)
    {
        var a = SimulationRandom.ForRun(seedA, keyA);
        var b = SimulationRandom.ForRun(seedB, keyB);
        var same = 0;
        for (var i = 0; i < 100; i++)
        {
            if (a.NextUInt64() == b.NextUInt64())
            {
                same++;
            }
        }

        Assert.Equal(0, same);
    }

    [Fact]
    public void GetState_RestoredInNewGenerator_ContinuesIdentically()
    {
        var a = new SimulationRandom(99);
        for (var i = 0; i < 17; i++)
        {
            a.NextUInt64();
        }

        var (s0, s1, s2, s3) = a.GetState();
        var b = SimulationRandom.FromState(s0, s1, s2, s3);
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(a.NextDouble(), b.NextDouble());
        }
    }

    [Fact]
    public void FromState_AllZero_Throws()
    {
        Assert.Throws<ArgumentException>(() => SimulationRandom.FromState(0, 0, 0, 0));
    }

    [Fact]
    public void Split_ChildAndParent_ProduceDifferentStreams()
    {
        var parent = new SimulationRandom(5);
        var reference = parent.Clone();
        var child = parent.Split();
        // The child continues the parent's old stream; the parent has jumped away from it.
        Assert.Equal(reference.NextUInt64(), child.NextUInt64());
        var childValues = Enumerable.Range(0, 50).Select(_ => child.NextUInt64()).ToHashSet();
        Assert.DoesNotContain(parent.NextUInt64(), childValues);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(1000)]
    [InlineData(int.MaxValue)]
    public void NextInt_AnyBound_StaysInRange(int bound)
    {
        var random = new SimulationRandom(3);
        for (var i = 0; i < 10_000; i++)
        {
            var v = random.NextInt(bound);
            Assert.InRange(v, 0, bound - 1);
        }
    }

    [Fact]
    public void NextInt_SmallBound_IsRoughlyUniform()
    {
        var random = new SimulationRandom(11);
        var counts = new int[10];
        const int draws = 100_000;
        for (var i = 0; i < draws; i++)
        {
            counts[random.NextInt(10)]++;
        }

        // Chi-square with 9 degrees of freedom: 27.9 is the 0.999 quantile.
        var expected = draws / 10.0;
        var chi2 = counts.Sum(c => (c - expected) * (c - expected) / expected);
        Assert.True(chi2 < 27.9, $"chi² = {chi2}");
    }

    [Fact]
    public void NextDouble_ManyDraws_InUnitIntervalWithMeanNearHalf()
    {
        var random = new SimulationRandom(12);
        var sum = 0.0;
        for (var i = 0; i < 100_000; i++)
        {
            var d = random.NextDouble();
            Assert.InRange(d, 0.0, Math.BitDecrement(1.0));
            sum += d;
        }

        Assert.InRange(sum / 100_000, 0.495, 0.505);
    }

    [Fact]
    public void NextInt_NonPositiveBound_Throws()
    {
        var random = new SimulationRandom(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => random.NextInt(0));
    }

    [Fact]
    public void Shuffle_Always_IsAPermutation()
    {
        var random = new SimulationRandom(8);
        var items = Enumerable.Range(0, 100).ToArray();
        random.Shuffle(items.AsSpan());
        Assert.Equal(Enumerable.Range(0, 100), items.Order());
        Assert.NotEqual(Enumerable.Range(0, 100), items);
    }
}
