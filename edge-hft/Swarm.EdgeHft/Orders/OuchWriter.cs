using System.Buffers.Binary;

namespace Swarm.EdgeHft.Orders;

/// <summary>
/// Writes OUCH 4.2 messages (NASDAQ OUCH 4.2, sections 2 and 3): big-endian integers, left-justified space-padded
/// alpha fields, prices with 4 implied decimals. Each method returns the bytes written and never allocates.
/// </summary>
public static class OuchWriter
{
    /// <summary>Enter Order <c>'O'</c>, 49 bytes.</summary>
    public static int WriteEnterOrder(Span<byte> d, in OuchEnterOrder order)
    {
        d[0] = (byte)'O';
        OuchToken.Write(d[1..], order.Token);
        d[15] = (byte)order.Side;
        BinaryPrimitives.WriteUInt32BigEndian(d[16..], order.Shares);
        order.Stock.Write(d[20..]);
        BinaryPrimitives.WriteUInt32BigEndian(d[28..], order.Price);
        BinaryPrimitives.WriteUInt32BigEndian(d[32..], order.TimeInForce);
        BinaryPrimitives.WriteUInt32BigEndian(d[36..], order.Firm);
        d[40] = order.Display;
        d[41] = order.Capacity;
        d[42] = order.IntermarketSweep;
        BinaryPrimitives.WriteUInt32BigEndian(d[43..], order.MinimumQuantity);
        d[47] = order.CrossType;
        d[48] = order.CustomerType;
        return OuchMessageLength.EnterOrder;
    }

    /// <summary>Replace Order <c>'U'</c>, 47 bytes.</summary>
    public static int WriteReplaceOrder(Span<byte> d, ulong existingToken, ulong replacementToken, uint shares, uint price, uint timeInForce, byte display = (byte)'Y', byte intermarketSweep = (byte)'N', uint minimumQuantity = 0)
    {
        d[0] = (byte)'U';
        OuchToken.Write(d[1..], existingToken);
        OuchToken.Write(d[15..], replacementToken);
        BinaryPrimitives.WriteUInt32BigEndian(d[29..], shares);
        BinaryPrimitives.WriteUInt32BigEndian(d[33..], price);
        BinaryPrimitives.WriteUInt32BigEndian(d[37..], timeInForce);
        d[41] = display;
        d[42] = intermarketSweep;
        BinaryPrimitives.WriteUInt32BigEndian(d[43..], minimumQuantity);
        return OuchMessageLength.ReplaceOrder;
    }

    /// <summary>Cancel Order <c>'X'</c>, 19 bytes; <paramref name="shares"/> is the new intended size (0 = cancel all).</summary>
    public static int WriteCancelOrder(Span<byte> d, ulong token, uint shares)
    {
        d[0] = (byte)'X';
        OuchToken.Write(d[1..], token);
        BinaryPrimitives.WriteUInt32BigEndian(d[15..], shares);
        return OuchMessageLength.CancelOrder;
    }

    /// <summary>Accepted <c>'A'</c>, 66 bytes (exchange side).</summary>
    public static int WriteAccepted(Span<byte> d, long timestamp, in OuchEnterOrder order, ulong orderReference, byte orderState = (byte)'L')
    {
        d[0] = (byte)'A';
        BinaryPrimitives.WriteInt64BigEndian(d[1..], timestamp);
        OuchToken.Write(d[9..], order.Token);
        d[23] = (byte)order.Side;
        BinaryPrimitives.WriteUInt32BigEndian(d[24..], order.Shares);
        order.Stock.Write(d[28..]);
        BinaryPrimitives.WriteUInt32BigEndian(d[36..], order.Price);
        BinaryPrimitives.WriteUInt32BigEndian(d[40..], order.TimeInForce);
        BinaryPrimitives.WriteUInt32BigEndian(d[44..], order.Firm);
        d[48] = order.Display;
        BinaryPrimitives.WriteUInt64BigEndian(d[49..], orderReference);
        d[57] = order.Capacity;
        d[58] = order.IntermarketSweep;
        BinaryPrimitives.WriteUInt32BigEndian(d[59..], order.MinimumQuantity);
        d[63] = order.CrossType;
        d[64] = orderState;
        d[65] = (byte)' ';
        return OuchMessageLength.Accepted;
    }

    /// <summary>Replaced <c>'U'</c>, 80 bytes (exchange side).</summary>
    public static int WriteReplaced(Span<byte> d, long timestamp, in OuchEnterOrder replacement, ulong orderReference, ulong previousToken)
    {
        WriteAccepted(d, timestamp, replacement, orderReference);
        d[0] = (byte)'U';
        OuchToken.Write(d[65..], previousToken);
        d[79] = (byte)' ';
        return OuchMessageLength.Replaced;
    }

    /// <summary>Canceled <c>'C'</c>, 28 bytes (exchange side); reason U = user requested, I = immediate-or-cancel, ...</summary>
    public static int WriteCanceled(Span<byte> d, long timestamp, ulong token, uint decrementShares, byte reason)
    {
        d[0] = (byte)'C';
        BinaryPrimitives.WriteInt64BigEndian(d[1..], timestamp);
        OuchToken.Write(d[9..], token);
        BinaryPrimitives.WriteUInt32BigEndian(d[23..], decrementShares);
        d[27] = reason;
        return OuchMessageLength.Canceled;
    }

    /// <summary>Executed <c>'E'</c>, 40 bytes (exchange side); liquidity flag A = added, R = removed, ...</summary>
    public static int WriteExecuted(Span<byte> d, long timestamp, ulong token, uint shares, uint price, byte liquidityFlag, ulong matchNumber)
    {
        d[0] = (byte)'E';
        BinaryPrimitives.WriteInt64BigEndian(d[1..], timestamp);
        OuchToken.Write(d[9..], token);
        BinaryPrimitives.WriteUInt32BigEndian(d[23..], shares);
        BinaryPrimitives.WriteUInt32BigEndian(d[27..], price);
        d[31] = liquidityFlag;
        BinaryPrimitives.WriteUInt64BigEndian(d[32..], matchNumber);
        return OuchMessageLength.Executed;
    }

    /// <summary>Rejected <c>'J'</c>, 24 bytes (exchange side); reason T = test mode, H = halted, Z = shares exceed limit, ...</summary>
    public static int WriteRejected(Span<byte> d, long timestamp, ulong token, byte reason)
    {
        d[0] = (byte)'J';
        BinaryPrimitives.WriteInt64BigEndian(d[1..], timestamp);
        OuchToken.Write(d[9..], token);
        d[23] = reason;
        return OuchMessageLength.Rejected;
    }

    /// <summary>System Event <c>'S'</c>, 10 bytes (exchange side); S = start of day, E = end of day.</summary>
    public static int WriteSystemEvent(Span<byte> d, long timestamp, byte eventCode)
    {
        d[0] = (byte)'S';
        BinaryPrimitives.WriteInt64BigEndian(d[1..], timestamp);
        d[9] = eventCode;
        return OuchMessageLength.SystemEvent;
    }
}
