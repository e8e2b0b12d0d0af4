using System.Buffers.Binary;

namespace Swarm.EdgeHft.Itch;

/// <summary>
/// Writes ITCH 5.0 messages in wire format: used by the exchange simulator, the replay-file tools and the
/// benchmarks to produce feeds. Each method returns the number of bytes written.
/// </summary>
public static class ItchWriter
{
    /// <summary>Writes a System Event.</summary>
    public static int WriteSystemEvent(Span<byte> d, ushort locate, ushort tracking, long timestamp, byte eventCode)
    {
        WriteHeader(d, (byte)'S', locate, tracking, timestamp);
        d[11] = eventCode;
        return ItchMessageLength.SystemEvent;
    }

    /// <summary>Writes a Stock Directory for a live (authenticity P), round-lot-100 common stock.</summary>
    public static int WriteStockDirectory(Span<byte> d, ushort locate, long timestamp, StockSymbol stock)
    {
        WriteHeader(d, (byte)'R', locate, 0, timestamp);
        stock.Write(d[11..]);
        d[19] = (byte)'Q';
        d[20] = (byte)'N';
        BinaryPrimitives.WriteUInt32BigEndian(d[21..], 100);
        d[25] = (byte)'N';
        d[26] = (byte)'C';
        d[27] = (byte)'Z';
        d[28] = (byte)' ';
        d[29] = (byte)'P';
        d[30] = (byte)'N';
        d[31] = (byte)'N';
        d[32] = (byte)'1';
        d[33] = (byte)'N';
        BinaryPrimitives.WriteUInt32BigEndian(d[34..], 0);
        d[38] = (byte)'N';
        return ItchMessageLength.StockDirectory;
    }

    /// <summary>Writes an Add Order (<c>'A'</c>).</summary>
    public static int WriteAddOrder(Span<byte> d, ushort locate, long timestamp, ulong reference, Side side, uint shares, StockSymbol stock, uint price)
    {
        WriteHeader(d, (byte)'A', locate, 0, timestamp);
        BinaryPrimitives.WriteUInt64BigEndian(d[11..], reference);
        d[19] = (byte)side;
        BinaryPrimitives.WriteUInt32BigEndian(d[20..], shares);
        stock.Write(d[24..]);
        BinaryPrimitives.WriteUInt32BigEndian(d[32..], price);
        return ItchMessageLength.AddOrder;
    }

    /// <summary>Writes an Order Executed (<c>'E'</c>).</summary>
    public static int WriteOrderExecuted(Span<byte> d, ushort locate, long timestamp, ulong reference, uint shares, ulong match)
    {
        WriteHeader(d, (byte)'E', locate, 0, timestamp);
        BinaryPrimitives.WriteUInt64BigEndian(d[11..], reference);
        BinaryPrimitives.WriteUInt32BigEndian(d[19..], shares);
        BinaryPrimitives.WriteUInt64BigEndian(d[23..], match);
        return ItchMessageLength.OrderExecuted;
    }

    /// <summary>Writes an Order Cancel (<c>'X'</c>).</summary>
    public static int WriteOrderCancel(Span<byte> d, ushort locate, long timestamp, ulong reference, uint shares)
    {
        WriteHeader(d, (byte)'X', locate, 0, timestamp);
        BinaryPrimitives.WriteUInt64BigEndian(d[11..], reference);
        BinaryPrimitives.WriteUInt32BigEndian(d[19..], shares);
        return ItchMessageLength.OrderCancel;
    }

    /// <summary>Writes an Order Delete (<c>'D'</c>).</summary>
    public static int WriteOrderDelete(Span<byte> d, ushort locate, long timestamp, ulong reference)
    {
        WriteHeader(d, (byte)'D', locate, 0, timestamp);
        BinaryPrimitives.WriteUInt64BigEndian(d[11..], reference);
        return ItchMessageLength.OrderDelete;
    }

    /// <summary>Writes an Order Replace (<c>'U'</c>).</summary>
    public static int WriteOrderReplace(Span<byte> d, ushort locate, long timestamp, ulong original, ulong replacement, uint shares, uint price)
    {
        WriteHeader(d, (byte)'U', locate, 0, timestamp);
        BinaryPrimitives.WriteUInt64BigEndian(d[11..], original);
        BinaryPrimitives.WriteUInt64BigEndian(d[19..], replacement);
        BinaryPrimitives.WriteUInt32BigEndian(d[27..], shares);
        BinaryPrimitives.WriteUInt32BigEndian(d[31..], price);
        return ItchMessageLength.OrderReplace;
    }

    /// <summary>Writes a Trade (<c>'P'</c>).</summary>
    public static int WriteTrade(Span<byte> d, ushort locate, long timestamp, Side side, uint shares, StockSymbol stock, uint price, ulong match)
    {
        WriteHeader(d, (byte)'P', locate, 0, timestamp);
        BinaryPrimitives.WriteUInt64BigEndian(d[11..], 0);
        d[19] = (byte)side;
        BinaryPrimitives.WriteUInt32BigEndian(d[20..], shares);
        stock.Write(d[24..]);
        BinaryPrimitives.WriteUInt32BigEndian(d[32..], price);
        BinaryPrimitives.WriteUInt64BigEndian(d[36..], match);
        return ItchMessageLength.Trade;
    }

    private static void WriteHeader(Span<byte> d, byte type, ushort locate, ushort tracking, long timestamp)
    {
        d[0] = type;
        BinaryPrimitives.WriteUInt16BigEndian(d[1..], locate);
        BinaryPrimitives.WriteUInt16BigEndian(d[3..], tracking);
        BinaryPrimitives.WriteUInt16BigEndian(d[5..], (ushort)(timestamp >> 32));
        BinaryPrimitives.WriteUInt32BigEndian(d[7..], (uint)timestamp);
    }
}
