using FsCheck;
using FsCheck.Fluent;
using Swarm.EdgeHft.Book;
using Swarm.EdgeHft.Itch;

namespace Swarm.EdgeHft.Tests;

/// <summary>Random ITCH streams, encoded to wire bytes and parsed, against a naive dictionary model of the book.</summary>
public sealed class OrderBookPropertyTests
{
    public sealed record BookOp(int Kind, ulong Reference, ulong NewReference, ushort Locate, Side Side, uint Price, uint Shares);

    private static readonly Gen<BookOp> OpGen =
        from kind in Gen.Choose(0, 6)
        from reference in Gen.Choose(1, 60)
        from newReference in Gen.Choose(1, 60)
        from locate in Gen.Choose(1, 3)
        from side in Gen.Elements(Side.Buy, Side.Sell)
        from tick in Gen.Choose(0, 20)
        from shares in Gen.Choose(1, 400)
        select new BookOp(kind, (ulong)reference, (ulong)newReference, (ushort)locate, side, 990_000u + ((uint)tick * 1_000), (uint)shares);

    [Fact]
    public void RandomStream_BookMatchesModelAndKeepsInvariants()
    {
        Prop.ForAll(Gen.ArrayOf(OpGen).ToArbitrary(), ops => Check(ops)).QuickCheckThrowOnFailure();
    }

    private static bool Check(BookOp[] ops)
    {
        var builder = new BookBuilder(expectedOrders: 4, initialLevels: 2);
        var parser = new ItchParser();
        var model = new Dictionary<ulong, RestingOrder>();
        var buffer = new byte[64];
        var symbols = new[] { default, StockSymbol.Parse("AAA"), StockSymbol.Parse("BBB"), StockSymbol.Parse("CCC") };

        foreach (var op in ops)
        {
            int n;
            switch (op.Kind)
            {
                case 0 or 1:
                    n = ItchWriter.WriteAddOrder(buffer, op.Locate, 1, op.Reference, op.Side, op.Shares, symbols[op.Locate], op.Price);
                    model.TryAdd(op.Reference, new RestingOrder(op.Reference, op.Locate, op.Side, op.Price, op.Shares));
                    break;
                case 2:
                    n = ItchWriter.WriteOrderExecuted(buffer, op.Locate, 1, op.Reference, op.Shares % 150 + 1, 1);
                    ReduceModel(model, op.Reference, op.Shares % 150 + 1);
                    break;
                case 3:
                    n = ItchWriter.WriteOrderCancel(buffer, op.Locate, 1, op.Reference, op.Shares % 150 + 1);
                    ReduceModel(model, op.Reference, op.Shares % 150 + 1);
                    break;
                case 4:
                    n = ItchWriter.WriteOrderDelete(buffer, op.Locate, 1, op.Reference);
                    model.Remove(op.Reference);
                    break;
                case 5:
                    n = ItchWriter.WriteOrderReplace(buffer, op.Locate, 1, op.Reference, op.NewReference, op.Shares, op.Price);
                    if (model.Remove(op.Reference, out var original))
                    {
                        model.TryAdd(op.NewReference, original with { Reference = op.NewReference, Price = op.Price, Shares = op.Shares });
                    }

                    break;
                default:
                    // A truncated message in the stream must be skipped without touching the book.
                    n = ItchWriter.WriteOrderDelete(buffer, op.Locate, 1, op.Reference) - 1;
                    break;
            }

            parser.Parse(buffer.AsSpan(0, n), builder);
        }

        return Matches(builder, model);
    }

    private static void ReduceModel(Dictionary<ulong, RestingOrder> model, ulong reference, uint shares)
    {
        if (model.TryGetValue(reference, out var order))
        {
            if (shares >= order.Shares)
            {
                model.Remove(reference);
            }
            else
            {
                model[reference] = order with { Shares = order.Shares - shares };
            }
        }
    }

    private static bool Matches(BookBuilder builder, Dictionary<ulong, RestingOrder> model)
    {
        if (builder.OrderCount != model.Count)
        {
            return false;
        }

        foreach (var order in model.Values)
        {
            if (!builder.TryGetOrder(order.Reference, out var actual) || actual != order)
            {
                return false;
            }
        }

        foreach (var book in builder.Books)
        {
            if (book.OrderCount != model.Values.Count(o => o.StockLocate == book.StockLocate))
            {
                return false;
            }

            foreach (var side in new[] { book.Bids, book.Asks })
            {
                var expected = model.Values
                    .Where(o => o.StockLocate == book.StockLocate && o.Side == side.Side)
                    .GroupBy(o => o.Price)
                    .Select(g => new PriceLevel(g.Key, g.Sum(o => (long)o.Shares), g.Count()))
                    .OrderBy(l => side.Side == Side.Buy ? -(long)l.Price : l.Price)
                    .ToArray();
                var actual = new PriceLevel[side.LevelCount + 1];
                var n = side.CopyTo(actual);

                // Same levels, best first, none empty, none with zero or negative size.
                if (!expected.SequenceEqual(actual.Take(n)) || actual.Take(n).Any(l => l.Shares <= 0 || l.OrderCount <= 0))
                {
                    return false;
                }

                if ((n == 0 ? default : expected[0]) != side.Best)
                {
                    return false;
                }
            }
        }

        return true;
    }
}
