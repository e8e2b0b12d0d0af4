using Swarm.EdgeHft.Book;
using Swarm.EdgeHft.Itch;

namespace Swarm.EdgeHft.Tests;

public sealed class BookSideTests
{
    [Theory]
    [InlineData(Side.Buy)]
    [InlineData(Side.Sell)]
    public void AddAndReduce_DeepSide_MatchesASortedModelAboveAndBelowTheSearchWindow(Side side)
    {
        // 200 price levels (far deeper than the 16 the vector search covers), touched in random order.
        var random = new Random(3);
        var book = new BookSide(side, initialLevels: 4);
        var model = new SortedDictionary<uint, (long Shares, int Orders)>();
        for (var step = 0; step < 20_000; step++)
        {
            var price = 1_000_000 + ((uint)random.Next(200) * 100);
            if (random.Next(3) > 0 || !model.ContainsKey(price))
            {
                book.Add(price, 100);
                model[price] = model.TryGetValue(price, out var l) ? (l.Shares + 100, l.Orders + 1) : (100, 1);
            }
            else
            {
                Assert.True(book.Reduce(price, 100, orderLeaves: true));
                var l = model[price];
                if (l.Orders == 1)
                {
                    model.Remove(price);
                }
                else
                {
                    model[price] = (l.Shares - 100, l.Orders - 1);
                }
            }

            if (step % 997 == 0 || step == 19_999)
            {
                var expected = (side == Side.Buy ? model.Reverse() : model).Select(kv => new PriceLevel(kv.Key, kv.Value.Shares, kv.Value.Orders)).ToArray();
                var actual = new PriceLevel[book.LevelCount];
                book.CopyTo(actual);
                Assert.Equal(expected, actual);
            }
        }

        Assert.False(book.Reduce(999_999, 100, orderLeaves: true));
    }
}
