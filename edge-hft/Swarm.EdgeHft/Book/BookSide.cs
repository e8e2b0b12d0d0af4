using System.Runtime.CompilerServices;
using Swarm.EdgeHft.Itch;

namespace Swarm.EdgeHft.Book;

/// <summary>
/// One side of a book: price levels kept sorted in a flat array, best price at the end.
/// </summary>
/// <remarks>
/// Invariant: <c>_levels[0.._count)</c> is strictly increasing in <see cref="BookLevel.Key"/> and every level holds at
/// least one order. The key is the price for bids and its complement for asks, so "higher key = better price" on
/// both sides and the best level is always the last one: most activity happens near the top of the book, so
/// inserts and removals there move few elements. The array only grows (doubling); after warm-up nothing allocates.
/// </remarks>
public sealed class BookSide
{
    private BookLevel[] _levels;
    private int _count;

    /// <summary>Creates an empty side.</summary>
    public BookSide(Side side, int initialLevels = 256)
    {
        Side = side;
        _levels = new BookLevel[Math.Max(4, initialLevels)];
    }

    /// <summary>Buy (bids) or sell (asks).</summary>
    public Side Side { get; }

    /// <summary>Number of price levels.</summary>
    public int LevelCount => _count;

    /// <summary>The best level, or an empty level when the side is empty.</summary>
    public PriceLevel Best => _count == 0 ? default : ToPriceLevel(_levels[_count - 1]);

    /// <summary>The level <paramref name="depth"/> steps from the top (0 = best); empty past the last level.</summary>
    public PriceLevel LevelAt(int depth) =>
        (uint)depth < (uint)_count ? ToPriceLevel(_levels[_count - 1 - depth]) : default;

    /// <summary>Copies up to <paramref name="destination"/>.Length levels, best first; returns how many.</summary>
    public int CopyTo(Span<PriceLevel> destination)
    {
        var n = Math.Min(destination.Length, _count);
        for (var i = 0; i < n; i++)
        {
            destination[i] = ToPriceLevel(_levels[_count - 1 - i]);
        }

        return n;
    }

    /// <summary>Adds one order of <paramref name="shares"/> at <paramref name="price"/>.</summary>
    public void Add(uint price, uint shares)
    {
        var key = KeyOf(price);
        var i = Find(key);
        if (i >= 0)
        {
            ref var level = ref _levels[i];
            level.Shares += shares;
            level.Orders++;
            return;
        }

        i = ~i;
        if (_count == _levels.Length)
        {
            Array.Resize(ref _levels, _levels.Length * 2);
        }

        if (i < _count)
        {
            Array.Copy(_levels, i, _levels, i + 1, _count - i);
        }

        _levels[i] = new BookLevel { Key = key, Shares = shares, Orders = 1 };
        _count++;
    }

    /// <summary>
    /// Takes <paramref name="shares"/> off the level at <paramref name="price"/>; when <paramref name="orderLeaves"/>
    /// one order leaves it too, and a level left with no order is removed. False when no such level exists.
    /// </summary>
    public bool Reduce(uint price, uint shares, bool orderLeaves)
    {
        var i = Find(KeyOf(price));
        if (i < 0)
        {
            return false;
        }

        ref var level = ref _levels[i];
        level.Shares -= shares;
        if (orderLeaves && --level.Orders == 0)
        {
            _count--;
            if (i < _count)
            {
                Array.Copy(_levels, i + 1, _levels, i, _count - i);
            }
        }

        return true;
    }

    /// <summary>Removes every level.</summary>
    public void Clear() => _count = 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint KeyOf(uint price) => Side == Side.Buy ? price : ~price;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private PriceLevel ToPriceLevel(in BookLevel level) => new(KeyOf(level.Key), level.Shares, level.Orders);

    private int Find(uint key)
    {
        // Fast path: most updates hit the top few levels, which sit at the end of the array.
        var hi = _count - 1;
        for (var probe = 0; probe < 4 && hi >= 0; probe++, hi--)
        {
            var k = _levels[hi].Key;
            if (k == key)
            {
                return hi;
            }

            if (k < key)
            {
                return ~(hi + 1);
            }
        }

        var lo = 0;
        while (lo <= hi)
        {
            var mid = (int)((uint)(lo + hi) >> 1);
            var k = _levels[mid].Key;
            if (k == key)
            {
                return mid;
            }

            if (k < key)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return ~lo;
    }
}
