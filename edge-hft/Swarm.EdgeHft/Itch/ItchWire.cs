using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Swarm.EdgeHft.Itch;

/// <summary>Big-endian field reads at fixed offsets from the first byte of a message, without bounds checks.</summary>
/// <remarks>
/// Callers must have checked that the message is at least <c>offset + size</c> bytes long — the parser checks each
/// message's exact length for its type before it reads any field, which is what makes these reads safe.
/// </remarks>
internal static class ItchWire
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ushort U16(ref byte message, int offset) =>
        ToBig(Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref message, offset)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint U32(ref byte message, int offset) =>
        ToBig(Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref message, offset)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong U64(ref byte message, int offset) =>
        ToBig(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref message, offset)));

    /// <summary>The 6-byte timestamp at <paramref name="offset"/>: one 16-bit and one 32-bit load.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long U48(ref byte message, int offset) =>
        ((long)U16(ref message, offset) << 32) | U32(ref message, offset + 2);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ushort ToBig(ushort value) => BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(value) : value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint ToBig(uint value) => BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(value) : value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong ToBig(ulong value) => BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(value) : value;
}
