using System.Diagnostics.CodeAnalysis;

namespace Swarm.EdgeHft.Orders;

/// <summary>Throw paths kept out of the hot encoders so they stay small enough to inline.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void ThrowTokenOutOfRange(ulong id) =>
        throw new ArgumentOutOfRangeException(nameof(id), id, $"An OUCH order id must be at most {OuchToken.MaxValue}.");

    [DoesNotReturn]
    public static void ThrowPayloadTooLarge(int length) =>
        throw new ArgumentException($"A SoupBinTCP payload is at most 65534 bytes, got {length}.", nameof(length));

    [DoesNotReturn]
    public static void ThrowNotConnected() =>
        throw new InvalidOperationException("The order gateway session is not logged in.");
}
