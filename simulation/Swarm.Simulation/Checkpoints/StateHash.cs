using System.Buffers.Binary;
using System.Numerics;

namespace Swarm.Simulation.Checkpoints;

/// <summary>
/// A fast 64-bit non-cryptographic hash over bytes, used for checkpoint integrity and for
/// comparing model states in determinism tests.
/// </summary>
/// <remarks>
/// The value is part of the checkpoint format (it guards the payload), so the algorithm must
/// never change within a format version.
/// </remarks>
public static class StateHash
{
    private const ulong Prime1 = 0x9E3779B185EBCA87UL;
    private const ulong Prime2 = 0xC2B2AE3D27D4EB4FUL;

    /// <summary>Hashes <paramref name="data"/>.</summary>
    public static ulong Compute(ReadOnlySpan<byte> data)
    {
        var h = Prime2 ^ (ulong)data.Length;
        var i = 0;
        for (; i + 8 <= data.Length; i += 8)
        {
            var w = BinaryPrimitives.ReadUInt64LittleEndian(data[i..]);
            h = BitOperations.RotateLeft(h ^ (w * Prime1), 31) * Prime2;
        }

        ulong tail = 0;
        for (var shift = 0; i < data.Length; i++, shift += 8)
        {
            tail |= (ulong)data[i] << shift;
        }

        h = BitOperations.RotateLeft(h ^ (tail * Prime1), 31) * Prime2;
        return Randomness.SplitMix64.Mix(h);
    }
}
