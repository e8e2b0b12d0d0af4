using Swarm.EdgeHft.Feed;
using Swarm.EdgeHft.Itch;

namespace Swarm.EdgeHft.Simulation;

/// <summary>
/// Generates a plausible, self-consistent ITCH 5.0 stream (directory, adds, partial cancels, deletes, executions,
/// replaces, hidden trades around a fixed mid per symbol, never crossed) in the length-prefixed replay layout. Deterministic per seed.
/// </summary>
/// <remarks>Every cancel, execution, delete and replace refers to a live order, so a correct book never reports an inconsistency.</remarks>
public static class SyntheticFeed
{
    private const uint Tick = 100;

    /// <summary>The whole stream in <see cref="ItchFileFormat"/> layout.</summary>
    public static byte[] Generate(SyntheticFeedOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var stream = new MemoryStream(options.Messages * 40);
        Write(stream, options);
        return stream.ToArray();
    }

    /// <summary>Writes the stream to <paramref name="path"/>.</summary>
    public static void WriteFile(string path, SyntheticFeedOptions options)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        Write(stream, options);
    }

    private static void Write(Stream stream, SyntheticFeedOptions options)
    {
        var random = new Random(options.Seed);
        using var writer = new ItchFileWriter(stream, leaveOpen: true);
        var m = new byte[64];
        long ts = 34_200_000_000_000;
        var names = options.SymbolNames.Count > 0
            ? options.SymbolNames
            : Enumerable.Range(1, options.Symbols).Select(i => $"SYM{i:D4}").ToArray();
        var symbols = names.Select(StockSymbol.Parse).ToArray();
        var mids = Enumerable.Repeat((uint)(options.StartPrice * 10_000m), symbols.Length).ToArray();
        var live = symbols.Select(_ => new List<(ulong Ref, Side Side, uint Price, uint Shares)>()).ToArray();
        ulong nextRef = 1;
        ulong match = 1;

        writer.Append(m.AsSpan(0, ItchWriter.WriteSystemEvent(m, 0, 0, ts, (byte)'O')));
        for (var i = 0; i < symbols.Length; i++)
        {
            writer.Append(m.AsSpan(0, ItchWriter.WriteStockDirectory(m, (ushort)(i + 1), ts, symbols[i])));
        }

        writer.Append(m.AsSpan(0, ItchWriter.WriteSystemEvent(m, 0, 0, ts, (byte)'Q')));
        for (var n = 0; n < options.Messages; n++)
        {
            ts += random.Next(20, 2_000);
            var s = random.Next(symbols.Length);
            var locate = (ushort)(s + 1);
            var orders = live[s];
            var roll = random.Next(100);
            var crowded = orders.Count > options.TargetOrdersPerSymbol;
            if (orders.Count == 0 || (!crowded && roll < 50))
            {
                var side = random.Next(2) == 0 ? Side.Buy : Side.Sell;
                var offset = (uint)random.Next(1, 12) * Tick;
                var price = side == Side.Buy ? mids[s] - offset : mids[s] + offset;
                var shares = (uint)random.Next(1, 10) * 100;
                orders.Add((nextRef, side, price, shares));
                writer.Append(m.AsSpan(0, ItchWriter.WriteAddOrder(m, locate, ts, nextRef++, side, shares, symbols[s], price)));
                continue;
            }

            var i = random.Next(orders.Count);
            var o = orders[i];
            if (roll < 65 && o.Shares > 100)
            {
                orders[i] = o with { Shares = o.Shares - 100 };
                writer.Append(m.AsSpan(0, ItchWriter.WriteOrderCancel(m, locate, ts, o.Ref, 100)));
            }
            else if (roll < 80)
            {
                RemoveAt(orders, i);
                writer.Append(m.AsSpan(0, ItchWriter.WriteOrderDelete(m, locate, ts, o.Ref)));
            }
            else if (roll < 90)
            {
                var executed = random.Next(2) == 0 ? o.Shares : Math.Max(1, o.Shares / 2);
                if (executed == o.Shares)
                {
                    RemoveAt(orders, i);
                }
                else
                {
                    orders[i] = o with { Shares = o.Shares - executed };
                }

                writer.Append(m.AsSpan(0, ItchWriter.WriteOrderExecuted(m, locate, ts, o.Ref, executed, match++)));
            }
            else if (roll < 98)
            {
                // Replaces move one tick either way but stay on their side of the mid, so the book never crosses.
                var moved = random.Next(2) == 0 ? o.Price + Tick : o.Price - Tick;
                var price = o.Side == Side.Buy ? Math.Min(moved, mids[s] - Tick) : Math.Max(moved, mids[s] + Tick);
                orders[i] = (nextRef, o.Side, price, o.Shares);
                writer.Append(m.AsSpan(0, ItchWriter.WriteOrderReplace(m, locate, ts, o.Ref, nextRef++, o.Shares, price)));
            }
            else
            {
                writer.Append(m.AsSpan(0, ItchWriter.WriteTrade(m, locate, ts, Side.Buy, 100, symbols[s], mids[s], match++)));
            }
        }

        writer.Append(m.AsSpan(0, ItchWriter.WriteSystemEvent(m, 0, 0, ts, (byte)'M')));
    }

    private static void RemoveAt(List<(ulong, Side, uint, uint)> orders, int i)
    {
        orders[i] = orders[^1];
        orders.RemoveAt(orders.Count - 1);
    }
}
