namespace Swarm.Simulation.Randomness;

/// <summary>
/// The SplitMix64 generator (Steele, Lea and Flood), used only to expand seeds into
/// well-mixed generator state.
/// </summary>
/// <remarks>
/// SplitMix64 is a bijection on its 64-bit state, so distinct seeds always expand to distinct
/// xoshiro states, and no expanded state is all zeros unless four consecutive outputs are zero,
/// which never happens.
/// </remarks>
public static class SplitMix64
{
    /// <summary>The golden-ratio increment of the SplitMix64 sequence.</summary>
    public const ulong Increment = 0x9E3779B97F4A7C15UL;

    /// <summary>Advances <paramref name="state"/> and returns the next output.</summary>
    public static ulong Next(ref ulong state)
    {
        state += Increment;
        return Mix(state);
    }

    /// <summary>The SplitMix64 finaliser: a fast 64-bit bijective mixer.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
