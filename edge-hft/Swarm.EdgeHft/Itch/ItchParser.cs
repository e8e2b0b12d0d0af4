using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Swarm.EdgeHft.Itch;

/// <summary>
/// Decodes one NASDAQ TotalView-ITCH 5.0 message from its wire bytes without allocating.
/// </summary>
/// <remarks>
/// The span must hold exactly one message, as delivered by MoldUDP64 message blocks or a length-prefixed file:
/// both carry each message's length, so a message of an unknown or undecoded type is skipped without knowing
/// its layout. A message shorter or longer than its type's fixed length, or with a side other than B/S, is
/// counted and skipped; nothing here throws on bad input. All integers are big-endian; the timestamp is a
/// 6-byte count of nanoseconds since midnight; prices are unsigned with 4 implied decimals.
/// </remarks>
public sealed class ItchParser
{
    /// <summary>Outcome counters.</summary>
    public ItchParseStatistics Statistics { get; } = new();

    /// <summary>Decodes <paramref name="message"/> and, when it is a decoded type, calls <paramref name="handler"/>.</summary>
    public ItchParseResult Parse<THandler>(ReadOnlySpan<byte> message, THandler handler)
        where THandler : IItchMessageHandler
    {
        if (message.IsEmpty)
        {
            Statistics.Empty++;
            return ItchParseResult.Empty;
        }

        var result = Decode(message, handler);
        switch (result)
        {
            case ItchParseResult.Parsed: Statistics.Parsed++; break;
            case ItchParseResult.Unsupported: Statistics.Unsupported++; break;
            case ItchParseResult.Truncated: Statistics.Truncated++; break;
            default: Statistics.Malformed++; break;
        }

        return result;
    }

    private static ItchParseResult Decode<THandler>(ReadOnlySpan<byte> m, THandler handler)
        where THandler : IItchMessageHandler
    {
        switch (m[0])
        {
            case (byte)'A':
            {
                var check = CheckLength(m, ItchMessageLength.AddOrder);
                if (check != ItchParseResult.Parsed)
                {
                    return check;
                }

                if (!TryReadSide(m[19], out var side))
                {
                    return ItchParseResult.Malformed;
                }

                var add = new AddOrderMessage(
                    ReadHeader(m), BinaryPrimitives.ReadUInt64BigEndian(m[11..]), side,
                    BinaryPrimitives.ReadUInt32BigEndian(m[20..]), StockSymbol.Read(m[24..]),
                    BinaryPrimitives.ReadUInt32BigEndian(m[32..]), 0);
                handler.OnAddOrder(in add);
                return ItchParseResult.Parsed;
            }

            case (byte)'F':
            {
                var check = CheckLength(m, ItchMessageLength.AddOrderWithAttribution);
                if (check != ItchParseResult.Parsed)
                {
                    return check;
                }

                if (!TryReadSide(m[19], out var side))
                {
                    return ItchParseResult.Malformed;
                }

                var add = new AddOrderMessage(
                    ReadHeader(m), BinaryPrimitives.ReadUInt64BigEndian(m[11..]), side,
                    BinaryPrimitives.ReadUInt32BigEndian(m[20..]), StockSymbol.Read(m[24..]),
                    BinaryPrimitives.ReadUInt32BigEndian(m[32..]), BinaryPrimitives.ReadUInt32BigEndian(m[36..]));
                handler.OnAddOrder(in add);
                return ItchParseResult.Parsed;
            }

            case (byte)'E':
            {
                var check = CheckLength(m, ItchMessageLength.OrderExecuted);
                if (check != ItchParseResult.Parsed)
                {
                    return check;
                }

                var executed = new OrderExecutedMessage(
                    ReadHeader(m), BinaryPrimitives.ReadUInt64BigEndian(m[11..]),
                    BinaryPrimitives.ReadUInt32BigEndian(m[19..]), BinaryPrimitives.ReadUInt64BigEndian(m[23..]),
                    (byte)'Y', 0);
                handler.OnOrderExecuted(in executed);
                return ItchParseResult.Parsed;
            }

            case (byte)'C':
            {
                var check = CheckLength(m, ItchMessageLength.OrderExecutedWithPrice);
                if (check != ItchParseResult.Parsed)
                {
                    return check;
                }

                var executed = new OrderExecutedMessage(
                    ReadHeader(m), BinaryPrimitives.ReadUInt64BigEndian(m[11..]),
                    BinaryPrimitives.ReadUInt32BigEndian(m[19..]), BinaryPrimitives.ReadUInt64BigEndian(m[23..]),
                    m[31], BinaryPrimitives.ReadUInt32BigEndian(m[32..]));
                handler.OnOrderExecuted(in executed);
                return ItchParseResult.Parsed;
            }

            case (byte)'X':
            {
                var check = CheckLength(m, ItchMessageLength.OrderCancel);
                if (check != ItchParseResult.Parsed)
                {
                    return check;
                }

                var cancel = new OrderCancelMessage(
                    ReadHeader(m), BinaryPrimitives.ReadUInt64BigEndian(m[11..]), BinaryPrimitives.ReadUInt32BigEndian(m[19..]));
                handler.OnOrderCancel(in cancel);
                return ItchParseResult.Parsed;
            }

            case (byte)'D':
            {
                var check = CheckLength(m, ItchMessageLength.OrderDelete);
                if (check != ItchParseResult.Parsed)
                {
                    return check;
                }

                var delete = new OrderDeleteMessage(ReadHeader(m), BinaryPrimitives.ReadUInt64BigEndian(m[11..]));
                handler.OnOrderDelete(in delete);
                return ItchParseResult.Parsed;
            }

            case (byte)'U':
            {
                var check = CheckLength(m, ItchMessageLength.OrderReplace);
                if (check != ItchParseResult.Parsed)
                {
                    return check;
                }

                var replace = new OrderReplaceMessage(
                    ReadHeader(m), BinaryPrimitives.ReadUInt64BigEndian(m[11..]), BinaryPrimitives.ReadUInt64BigEndian(m[19..]),
                    BinaryPrimitives.ReadUInt32BigEndian(m[27..]), BinaryPrimitives.ReadUInt32BigEndian(m[31..]));
                handler.OnOrderReplace(in replace);
                return ItchParseResult.Parsed;
            }

            case (byte)'P':
            {
                var check = CheckLength(m, ItchMessageLength.Trade);
                if (check != ItchParseResult.Parsed)
                {
                    return check;
                }

                if (!TryReadSide(m[19], out var side))
                {
                    return ItchParseResult.Malformed;
                }

                var trade = new TradeMessage(
                    ReadHeader(m), BinaryPrimitives.ReadUInt64BigEndian(m[11..]), side,
                    BinaryPrimitives.ReadUInt32BigEndian(m[20..]), StockSymbol.Read(m[24..]),
                    BinaryPrimitives.ReadUInt32BigEndian(m[32..]), BinaryPrimitives.ReadUInt64BigEndian(m[36..]));
                handler.OnTrade(in trade);
                return ItchParseResult.Parsed;
            }

            case (byte)'S':
            {
                var check = CheckLength(m, ItchMessageLength.SystemEvent);
                if (check != ItchParseResult.Parsed)
                {
                    return check;
                }

                var systemEvent = new SystemEventMessage(ReadHeader(m), m[11]);
                handler.OnSystemEvent(in systemEvent);
                return ItchParseResult.Parsed;
            }

            case (byte)'R':
            {
                var check = CheckLength(m, ItchMessageLength.StockDirectory);
                if (check != ItchParseResult.Parsed)
                {
                    return check;
                }

                var directory = new StockDirectoryMessage(
                    ReadHeader(m), StockSymbol.Read(m[11..]), m[19], m[20], BinaryPrimitives.ReadUInt32BigEndian(m[21..]),
                    m[25], m[26], BinaryPrimitives.ReadUInt16BigEndian(m[27..]), m[29], m[30], m[31], m[32], m[33],
                    BinaryPrimitives.ReadUInt32BigEndian(m[34..]), m[38]);
                handler.OnStockDirectory(in directory);
                return ItchParseResult.Parsed;
            }

            default:
                return ItchParseResult.Unsupported;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ItchParseResult CheckLength(ReadOnlySpan<byte> message, int expected) =>
        message.Length == expected ? ItchParseResult.Parsed
        : message.Length < expected ? ItchParseResult.Truncated
        : ItchParseResult.Malformed;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryReadSide(byte value, out Side side)
    {
        side = (Side)value;
        return value is (byte)'B' or (byte)'S';
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ItchMessageHeader ReadHeader(ReadOnlySpan<byte> m) => new(
        m[0],
        BinaryPrimitives.ReadUInt16BigEndian(m[1..]),
        BinaryPrimitives.ReadUInt16BigEndian(m[3..]),
        ReadTimestamp(m[5..]));

    /// <summary>Reads a 6-byte big-endian nanosecond timestamp.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long ReadTimestamp(ReadOnlySpan<byte> source) =>
        ((long)BinaryPrimitives.ReadUInt16BigEndian(source) << 32) | BinaryPrimitives.ReadUInt32BigEndian(source[2..]);
}
