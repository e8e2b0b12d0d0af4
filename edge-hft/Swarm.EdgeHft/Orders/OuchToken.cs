using System.Runtime.CompilerServices;

namespace Swarm.EdgeHft.Orders;

/// <summary>
/// The OUCH order token (<c>Alpha(14)</c>), written as 14 zero-padded decimal digits of a numeric order id so that
/// it is unique per id, readable in logs, and encodes/decodes without allocation.
/// </summary>
public static class OuchToken
{
    /// <summary>Wire length.</summary>
    public const int Length = 14;

    /// <summary>Largest id that fits in 14 digits.</summary>
    public const ulong MaxValue = 99_999_999_999_999;

    /// <summary>Writes <paramref name="id"/> as 14 digits.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The id does not fit in 14 digits.</exception>
    public static void Write(Span<byte> destination, ulong id)
    {
        if (id > MaxValue)
        {
            ThrowHelper.ThrowTokenOutOfRange(id);
        }

        for (var i = Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (id % 10));
            id /= 10;
        }
    }

    /// <summary>Reads a token written by <see cref="Write"/>; false for any other token text.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryRead(ReadOnlySpan<byte> source, out ulong id)
    {
        id = 0;
        for (var i = 0; i < Length; i++)
        {
            var digit = (uint)(source[i] - '0');
            if (digit > 9)
            {
                return false;
            }

            id = (id * 10) + digit;
        }

        return true;
    }
}
