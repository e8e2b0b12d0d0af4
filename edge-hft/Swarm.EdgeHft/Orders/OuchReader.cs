using System.Buffers.Binary;
using Swarm.EdgeHft.Itch;

namespace Swarm.EdgeHft.Orders;

/// <summary>Decodes OUCH 4.2 messages; every method returns false (never throws) for a wrong length, type or token.</summary>
public static class OuchReader
{
    /// <summary>Decodes an outbound (exchange → firm) message.</summary>
    public static bool TryReadEvent(ReadOnlySpan<byte> m, out OuchEvent e)
    {
        e = default;
        if (m.IsEmpty)
        {
            return false;
        }

        switch (m[0])
        {
            case (byte)'S' when m.Length == OuchMessageLength.SystemEvent:
                e = new OuchEvent(OuchEventType.SystemEvent, BinaryPrimitives.ReadInt64BigEndian(m[1..]), 0, 0, default, 0, default, 0, 0, 0, m[9]);
                return true;
            case (byte)'A' when m.Length == OuchMessageLength.Accepted:
            case (byte)'U' when m.Length == OuchMessageLength.Replaced:
            {
                ulong previous = 0;
                if (!OuchToken.TryRead(m[9..], out var token) || (m[0] == (byte)'U' && !OuchToken.TryRead(m[65..], out previous)))
                {
                    return false;
                }

                e = new OuchEvent(
                    (OuchEventType)m[0], BinaryPrimitives.ReadInt64BigEndian(m[1..]), token, previous, (Side)m[23],
                    BinaryPrimitives.ReadUInt32BigEndian(m[24..]), StockSymbol.Read(m[28..]), BinaryPrimitives.ReadUInt32BigEndian(m[36..]),
                    BinaryPrimitives.ReadUInt64BigEndian(m[49..]), 0, m[64]);
                return true;
            }

            case (byte)'C' when m.Length == OuchMessageLength.Canceled:
            {
                if (!OuchToken.TryRead(m[9..], out var token))
                {
                    return false;
                }

                e = new OuchEvent(OuchEventType.Canceled, BinaryPrimitives.ReadInt64BigEndian(m[1..]), token, 0, default, BinaryPrimitives.ReadUInt32BigEndian(m[23..]), default, 0, 0, 0, m[27]);
                return true;
            }

            case (byte)'E' when m.Length == OuchMessageLength.Executed:
            {
                if (!OuchToken.TryRead(m[9..], out var token))
                {
                    return false;
                }

                e = new OuchEvent(
                    OuchEventType.Executed, BinaryPrimitives.ReadInt64BigEndian(m[1..]), token, 0, default, BinaryPrimitives.ReadUInt32BigEndian(m[23..]),
                    default, BinaryPrimitives.ReadUInt32BigEndian(m[27..]), 0, BinaryPrimitives.ReadUInt64BigEndian(m[32..]), m[31]);
                return true;
            }

            case (byte)'J' when m.Length == OuchMessageLength.Rejected:
            {
                if (!OuchToken.TryRead(m[9..], out var token))
                {
                    return false;
                }

                e = new OuchEvent(OuchEventType.Rejected, BinaryPrimitives.ReadInt64BigEndian(m[1..]), token, 0, default, 0, default, 0, 0, 0, m[23]);
                return true;
            }

            default:
                return false;
        }
    }

    /// <summary>Decodes an inbound (firm → exchange) message.</summary>
    public static bool TryReadInbound(ReadOnlySpan<byte> m, out OuchInboundMessage message)
    {
        message = default;
        if (m.IsEmpty)
        {
            return false;
        }

        switch (m[0])
        {
            case (byte)'O' when m.Length == OuchMessageLength.EnterOrder:
            {
                if (!OuchToken.TryRead(m[1..], out var token) || m[15] is not ((byte)'B' or (byte)'S'))
                {
                    return false;
                }

                message = new OuchInboundMessage(
                    m[0], token, 0, (Side)m[15], BinaryPrimitives.ReadUInt32BigEndian(m[16..]), StockSymbol.Read(m[20..]),
                    BinaryPrimitives.ReadUInt32BigEndian(m[28..]), BinaryPrimitives.ReadUInt32BigEndian(m[32..]), BinaryPrimitives.ReadUInt32BigEndian(m[36..]));
                return true;
            }

            case (byte)'U' when m.Length == OuchMessageLength.ReplaceOrder:
            {
                if (!OuchToken.TryRead(m[1..], out var existing) || !OuchToken.TryRead(m[15..], out var replacement))
                {
                    return false;
                }

                message = new OuchInboundMessage(
                    m[0], existing, replacement, default, BinaryPrimitives.ReadUInt32BigEndian(m[29..]), default,
                    BinaryPrimitives.ReadUInt32BigEndian(m[33..]), BinaryPrimitives.ReadUInt32BigEndian(m[37..]), 0);
                return true;
            }

            case (byte)'X' when m.Length == OuchMessageLength.CancelOrder:
            {
                if (!OuchToken.TryRead(m[1..], out var token))
                {
                    return false;
                }

                message = new OuchInboundMessage(m[0], token, 0, default, BinaryPrimitives.ReadUInt32BigEndian(m[15..]), default, 0, 0, 0);
                return true;
            }

            default:
                return false;
        }
    }
}
