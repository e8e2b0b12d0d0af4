using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using Swarm.Simulation.Checkpoints;

namespace Swarm.Simulation.Randomness;

/// <summary>
/// A xoshiro256** pseudo-random generator: fast, splittable and serialisable, so a run's random
/// stream can be checkpointed and resumed bit-identically.
/// </summary>
/// <remarks>
/// <para>Every model instance owns exactly one generator, derived from <c>(seed, runKey)</c> by
/// <see cref="ForRun"/>; nothing is shared between instances, so many models can run side by side
/// on different threads. The generator itself is not thread-safe.</para>
/// <para>The algorithms for integers (<see cref="NextInt(int)"/>, Lemire's nearly-divisionless
/// rejection) and doubles (53 high bits) are fixed: changing them changes every recorded run, so
/// they are part of the checkpoint format.</para>
/// </remarks>
public sealed class SimulationRandom : ICheckpointed
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    /// <summary>Creates a generator whose state is expanded from <paramref name="seed"/> by SplitMix64.</summary>
    public SimulationRandom(ulong seed)
    {
        var sm = seed;
        _s0 = SplitMix64.Next(ref sm);
        _s1 = SplitMix64.Next(ref sm);
        _s2 = SplitMix64.Next(ref sm);
        _s3 = SplitMix64.Next(ref sm);
    }

    private SimulationRandom(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        _s0 = s0;
        _s1 = s1;
        _s2 = s2;
        _s3 = s3;
    }

    /// <summary>
    /// The generator of one run: a deterministic function of the experiment seed and a run key
    /// (for example the index of a sweep point and repetition), so that runs with different keys
    /// get unrelated streams from the same seed.
    /// </summary>
    public static SimulationRandom ForRun(ulong seed, ulong runKey)
    {
        // Mixing the key through its own SplitMix round before combining keeps (seed, key) and
        // (seed + 1, key - 1) from colliding, which a plain sum would not.
        var combined = SplitMix64.Mix(seed) ^ SplitMix64.Mix(runKey + SplitMix64.Increment);
        return new SimulationRandom(combined);
    }

    /// <summary>Restores a generator from the four words returned by <see cref="GetState"/>.</summary>
    /// <exception cref="ArgumentException">The state is all zeros, which xoshiro never reaches.</exception>
    public static SimulationRandom FromState(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        if ((s0 | s1 | s2 | s3) == 0)
        {
            throw new ArgumentException("An all-zero state is not a valid xoshiro256** state.");
        }

        return new SimulationRandom(s0, s1, s2, s3);
    }

    /// <summary>The full internal state, for checkpoints.</summary>
    public (ulong S0, ulong S1, ulong S2, ulong S3) GetState() => (_s0, _s1, _s2, _s3);

    /// <summary>Overwrites this generator's state (used when a model is restored from a checkpoint).</summary>
    public void SetState(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        if ((s0 | s1 | s2 | s3) == 0)
        {
            throw new ArgumentException("An all-zero state is not a valid xoshiro256** state.");
        }

        _s0 = s0;
        _s1 = s1;
        _s2 = s2;
        _s3 = s3;
    }

    /// <summary>Writes the state to a checkpoint (a stream split off the model's own is model state like any other).</summary>
    public void WriteTo(CheckpointWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteUInt64(_s0);
        writer.WriteUInt64(_s1);
        writer.WriteUInt64(_s2);
        writer.WriteUInt64(_s3);
    }

    /// <summary>Restores the state written by <see cref="WriteTo"/>.</summary>
    public void ReadFrom(CheckpointReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var (s0, s1, s2, s3) = (reader.ReadUInt64(), reader.ReadUInt64(), reader.ReadUInt64(), reader.ReadUInt64());
        if ((s0 | s1 | s2 | s3) == 0)
        {
            throw new CheckpointFormatException("The checkpoint is corrupt: all-zero random generator state.");
        }

        SetState(s0, s1, s2, s3);
    }

    /// <summary>A generator with the same state; both then produce the same sequence.</summary>
    public SimulationRandom Clone() => new(_s0, _s1, _s2, _s3);

    /// <summary>
    /// Splits off an independent generator: the child continues this stream, and this generator
    /// jumps 2^128 draws ahead, so the two never overlap in practice.
    /// </summary>
    public SimulationRandom Split()
    {
        var child = Clone();
        Jump();
        return child;
    }

    /// <summary>Advances the state by 2^128 draws (the xoshiro256 jump polynomial).</summary>
    public void Jump()
    {
        ReadOnlySpan<ulong> jump = [0x180EC6D33CFD0ABAUL, 0xD5A61266F0C9392CUL, 0xA9582618E03FC9AAUL, 0x39ABDC4529B1661CUL];
        ulong s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        foreach (var word in jump)
        {
            for (var b = 0; b < 64; b++)
            {
                if ((word & (1UL << b)) != 0)
                {
                    s0 ^= _s0;
                    s1 ^= _s1;
                    s2 ^= _s2;
                    s3 ^= _s3;
                }

                NextUInt64();
            }
        }

        _s0 = s0;
        _s1 = s1;
        _s2 = s2;
        _s3 = s3;
    }

    /// <summary>The next 64 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        var result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1), from the 53 high bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform double in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble(double min, double max) => min + (NextDouble() * (max - min));

    /// <summary>A fair coin.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool NextBool() => (long)NextUInt64() < 0;

    /// <summary>A uniform integer in [0, <paramref name="exclusiveMax"/>); <paramref name="exclusiveMax"/> must be positive.</summary>
    /// <remarks>Lemire's multiply-shift with rejection: unbiased, and almost never divides.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int NextInt(int exclusiveMax)
    {
        if (exclusiveMax <= 0)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(exclusiveMax), "must be positive");
        }

        var range = (uint)exclusiveMax;
        var m = (NextUInt64() >> 32) * range;
        if ((uint)m < range)
        {
            return NextIntSlow(range, m);
        }

        return (int)(m >> 32);
    }

    /// <summary>A uniform integer in [<paramref name="min"/>, <paramref name="inclusiveMax"/>].</summary>
    public int NextInt(int min, int inclusiveMax)
    {
        if (inclusiveMax < min)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(inclusiveMax), "must not be below min");
        }

        return min + NextInt(inclusiveMax - min + 1);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int NextIntSlow(uint range, ulong m)
    {
        var threshold = (0u - range) % range;
        while ((uint)m < threshold)
        {
            m = (NextUInt64() >> 32) * range;
        }

        return (int)(m >> 32);
    }

    /// <summary>Shuffles <paramref name="items"/> in place (Fisher–Yates), uniformly over all orders.</summary>
    /// <remarks>
    /// The swap partners j(i) = NextInt(i + 1), for i from the end down, are drawn in batches so that
    /// their cache lines can be prefetched before the swaps: the draws, and so the result, are exactly
    /// those of the textbook loop, but a shuffle of millions of items no longer waits on one cache
    /// miss at a time.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public unsafe void Shuffle<T>(Span<T> items)
    {
        const int Batch = 16;
        Span<int> partners = stackalloc int[Batch];
        var prefetch = Sse.IsSupported && items.Length >= 1 << 15;
        ref var first = ref MemoryMarshal.GetReference(items);
        for (var i = items.Length - 1; i > 0;)
        {
            var count = Math.Min(Batch, i);
            for (var k = 0; k < count; k++)
            {
                var j = NextInt(i - k + 1);
                partners[k] = j;
                if (prefetch)
                {
                    Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref first, j)));
                }
            }

            for (var k = 0; k < count; k++)
            {
                var a = i - k;
                var j = partners[k];
                (items[a], items[j]) = (items[j], items[a]);
            }

            i -= count;
        }
    }
}
