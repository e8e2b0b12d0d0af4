using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ItchParseResult Decode<THandler>(ReadOnlySpan<byte> m, THandler handler)
        where THandler : IItchMessageHandler
    {
        // Invariant: every case checks the exact length of its type before it reads a field, and every field read lies
        // inside that length, so the unchecked reads below never leave the message (which is not empty: see Parse).
        ref var b = ref MemoryMarshal.GetReference(m);
        switch (b)
        {
            case (byte)'A':
            {
                var check = CheckLength(m, ItchMessageLength.AddOrder);
                if (check != ItchParseResult.Parsed)
                {
                    return check;
                }

                if (!TryReadSide(Unsafe.Add(ref b, 19), out var side))
                {
                    return ItchParseResult.Malformed;
                }

                var add = new AddOrderMessage(
                    ReadHeader(ref b), ItchWire.U64(ref b, 11), side,
                    ItchWire.U32(ref b, 20), new StockSymbol(ItchWire.U64(ref b, 24)),
                    ItchWire.U32(ref b, 32), 0);
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

                if (!TryReadSide(Unsafe.Add(ref b, 19), out var side))
                {
                    return ItchParseResult.Malformed;
                }

                var add = new AddOrderMessage(
                    ReadHeader(ref b), ItchWire.U64(ref b, 11), side,
                    ItchWire.U32(ref b, 20), new StockSymbol(ItchWire.U64(ref b, 24)),
                    ItchWire.U32(ref b, 32), ItchWire.U32(ref b, 36));
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
                    ReadHeader(ref b), ItchWire.U64(ref b, 11),
                    ItchWire.U32(ref b, 19), ItchWire.U64(ref b, 23),
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
                    ReadHeader(ref b), ItchWire.U64(ref b, 11),
                    ItchWire.U32(ref b, 19), ItchWire.U64(ref b, 23),
                    Unsafe.Add(ref b, 31), ItchWire.U32(ref b, 32));
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
                    ReadHeader(ref b), ItchWire.U64(ref b, 11), ItchWire.U32(ref b, 19));
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

                var delete = new OrderDeleteMessage(ReadHeader(ref b), ItchWire.U64(ref b, 11));
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
                    ReadHeader(ref b), ItchWire.U64(ref b, 11), ItchWire.U64(ref b, 19),
                    ItchWire.U32(ref b, 27), ItchWire.U32(ref b, 31));
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

                if (!TryReadSide(Unsafe.Add(ref b, 19), out var side))
                {
                    return ItchParseResult.Malformed;
                }

                var trade = new TradeMessage(
                    ReadHeader(ref b), ItchWire.U64(ref b, 11), side,
                    ItchWire.U32(ref b, 20), new StockSymbol(ItchWire.U64(ref b, 24)),
                    ItchWire.U32(ref b, 32), ItchWire.U64(ref b, 36));
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

                var systemEvent = new SystemEventMessage(ReadHeader(ref b), Unsafe.Add(ref b, 11));
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
                    ReadHeader(ref b), new StockSymbol(ItchWire.U64(ref b, 11)), Unsafe.Add(ref b, 19), Unsafe.Add(ref b, 20), ItchWire.U32(ref b, 21),
                    Unsafe.Add(ref b, 25), Unsafe.Add(ref b, 26), ItchWire.U16(ref b, 27), Unsafe.Add(ref b, 29), Unsafe.Add(ref b, 30), Unsafe.Add(ref b, 31), Unsafe.Add(ref b, 32), Unsafe.Add(ref b, 33),
                    ItchWire.U32(ref b, 34), Unsafe.Add(ref b, 38));
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
    private static ItchMessageHeader ReadHeader(ref byte m) => new(m, ItchWire.U16(ref m, 1), ItchWire.U16(ref m, 3), ItchWire.U48(ref m, 5));

    /// <summary>Reads a 6-byte big-endian nanosecond timestamp.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long ReadTimestamp(ReadOnlySpan<byte> source) =>
        ((long)BinaryPrimitives.ReadUInt16BigEndian(source) << 32) | BinaryPrimitives.ReadUInt32BigEndian(source[2..]);
}
