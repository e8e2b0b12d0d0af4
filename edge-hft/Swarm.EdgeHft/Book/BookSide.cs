using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Swarm.EdgeHft.Itch;

namespace Swarm.EdgeHft.Book;

/// <summary>
/// One side of a book: price levels kept sorted in flat arrays, best price at the end.
/// </summary>
/// <remarks>
/// Invariant: <c>_keys[0.._count)</c> is strictly increasing and <c>_levels[i]</c> holds the totals of the level with
/// key <c>_keys[i]</c>, which has at least one order. The key is the price for bids and its complement for asks, so
/// "higher key = better price" on both sides and the best level is always the last one: most activity happens near
/// the top of the book, so inserts and removals there move few elements. Keys sit in their own array so the top 16
/// can be compared with one or two vector instructions (see <see cref="Find"/>). The arrays only grow (doubling),
/// and are never shorter than <see cref="SearchWindow"/>; after warm-up nothing allocates.
/// </remarks>
public sealed class BookSide
{
    /// <summary>How many top levels one vector search covers; deeper levels are binary searched.</summary>
    private const int SearchWindow = 16;

    private readonly uint _keyMask;
    private uint[] _keys;
    private BookLevel[] _levels;
    private int _count;

    /// <summary>Creates an empty side.</summary>
    public BookSide(Side side, int initialLevels = 256)
    {
        Side = side;
        _keyMask = side == Side.Buy ? 0u : uint.MaxValue;
        var capacity = Math.Max(SearchWindow, initialLevels);
        _keys = new uint[capacity];
        _levels = new BookLevel[capacity];
    }

    /// <summary>Buy (bids) or sell (asks).</summary>
    public Side Side { get; }

    /// <summary>Number of price levels.</summary>
    public int LevelCount => _count;

    /// <summary>The best level, or an empty level when the side is empty.</summary>
    public PriceLevel Best => _count == 0 ? default : ToPriceLevel(_count - 1);

    /// <summary>The level <paramref name="depth"/> steps from the top (0 = best); empty past the last level.</summary>
    public PriceLevel LevelAt(int depth) =>
        (uint)depth < (uint)_count ? ToPriceLevel(_count - 1 - depth) : default;

    /// <summary>Copies up to <paramref name="destination"/>.Length levels, best first; returns how many.</summary>
    public int CopyTo(Span<PriceLevel> destination)
    {
        var n = Math.Min(destination.Length, _count);
        for (var i = 0; i < n; i++)
        {
            destination[i] = ToPriceLevel(_count - 1 - i);
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
        if (_count == _keys.Length)
        {
            Array.Resize(ref _keys, _keys.Length * 2);
            Array.Resize(ref _levels, _levels.Length * 2);
        }

        if (i < _count)
        {
            _keys.AsSpan(i, _count - i).CopyTo(_keys.AsSpan(i + 1));
            _levels.AsSpan(i, _count - i).CopyTo(_levels.AsSpan(i + 1));
        }

        _keys[i] = key;
        _levels[i] = new BookLevel { Shares = shares, Orders = 1 };
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
                _keys.AsSpan(i + 1, _count - i).CopyTo(_keys.AsSpan(i));
                _levels.AsSpan(i + 1, _count - i).CopyTo(_levels.AsSpan(i));
            }
        }

        return true;
    }

    /// <summary>Removes every level.</summary>
    public void Clear() => _count = 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint KeyOf(uint price) => price ^ _keyMask;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private PriceLevel ToPriceLevel(int index) => new(KeyOf(_keys[index]), _levels[index].Shares, _levels[index].Orders);

    /// <summary>The index of <paramref name="key"/>, or the bitwise complement of where it would be inserted.</summary>
    private int Find(uint key)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            // The top SearchWindow keys (or all of them, with the lanes past _count masked off): the number above the
            // key is how far below the top it sits, found with two compares and a popcount instead of branches that
            // mispredict wherever the walk stops.
            var start = Math.Max(0, _count - SearchWindow);
            ref var window = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_keys), start);
            var target = Vector256.Create(key);
            var low = Vector256.GreaterThan(Vector256.LoadUnsafe(ref window), target).ExtractMostSignificantBits();
            var high = Vector256.GreaterThan(Vector256.LoadUnsafe(ref window, 8), target).ExtractMostSignificantBits();
            var valid = Math.Min(SearchWindow, _count);
            var above = BitOperations.PopCount(((high << 8) | low) & ((1u << valid) - 1));
            if (above < valid || start == 0)
            {
                var position = _count - above;
                return position > 0 && _keys[position - 1] == key ? position - 1 : ~position;
            }

            return BinarySearch(key, start - 1);
        }

        return BinarySearch(key, _count - 1);
    }

    private int BinarySearch(uint key, int hi)
    {
        var lo = 0;
        while (lo <= hi)
        {
            var mid = (int)((uint)(lo + hi) >> 1);
            var k = _keys[mid];
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
