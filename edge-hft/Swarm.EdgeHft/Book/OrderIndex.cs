using System.Numerics;
using System.Runtime.CompilerServices;

namespace Swarm.EdgeHft.Book;

/// <summary>
/// Order reference → resting order, as an open-addressing hash table with linear probing and backward-shift
/// deletion (no tombstones, so lookups stay short however many orders come and go).
/// </summary>
/// <remarks>
/// Slots store <c>reference + 1</c> so that 0 marks an empty slot; <see cref="ulong.MaxValue"/> is therefore not a
/// storable reference (ITCH references are assigned upward from 1 each day). The table doubles when half full;
/// size it for the day's peak with the constructor and it never allocates on the hot path.
/// </remarks>
public sealed class OrderIndex
{
    private OrderIndexSlot[] _slots;
    private int _mask;
    private int _shift;

    /// <summary>Creates an index that holds <paramref name="expectedOrders"/> orders before growing.</summary>
    public OrderIndex(int expectedOrders = 1 << 16)
    {
        var capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, expectedOrders * 2));
        _slots = new OrderIndexSlot[capacity];
        _mask = capacity - 1;
        _shift = 64 - BitOperations.Log2((uint)capacity);
    }

    /// <summary>Number of orders held.</summary>
    public int Count { get; private set; }

    /// <summary>Adds <paramref name="order"/>; false when its reference is already present or not storable.</summary>
    public bool TryAdd(in RestingOrder order)
    {
        if (order.Reference == ulong.MaxValue)
        {
            return false;
        }

        if ((Count + 1) * 2 > _slots.Length)
        {
            Grow();
        }

        var key = order.Reference + 1;
        var i = Home(key);
        while (true)
        {
            ref var slot = ref _slots[i];
            var k = slot.Key;
            if (k == 0)
            {
                slot.Key = key;
                slot.Order = order;
                Count++;
                return true;
            }

            if (k == key)
            {
                return false;
            }

            i = (i + 1) & _mask;
        }
    }

    /// <summary>Finds the order with <paramref name="reference"/>; a ref to the stored value, or a null ref.</summary>
    public ref RestingOrder Find(ulong reference)
    {
        var i = IndexOf(reference);
        if (i < 0)
        {
            return ref Unsafe.NullRef<RestingOrder>();
        }

        return ref _slots[i].Order;
    }

    /// <summary>The slot holding <paramref name="reference"/>, or -1; valid until the next add or removal.</summary>
    public int IndexOf(ulong reference)
    {
        var key = reference + 1;
        if (key == 0)
        {
            return -1;
        }

        var slots = _slots;
        var i = Home(key);
        while (true)
        {
            var k = slots[i].Key;
            if (k == key)
            {
                return i;
            }

            if (k == 0)
            {
                return -1;
            }

            i = (i + 1) & _mask;
        }
    }

    /// <summary>The order in slot <paramref name="index"/> (from <see cref="IndexOf"/>).</summary>
    public ref RestingOrder At(int index) => ref _slots[index].Order;

    /// <summary>Removes the order with <paramref name="reference"/>; false when absent.</summary>
    public bool Remove(ulong reference)
    {
        var i = IndexOf(reference);
        if (i < 0)
        {
            return false;
        }

        RemoveAt(i);
        return true;
    }

    /// <summary>Removes the order in slot <paramref name="index"/> (from <see cref="IndexOf"/>), without looking it up again.</summary>
    public void RemoveAt(int index)
    {
        var i = index;

        // Backward shift: pull later entries of the probe run into the hole unless that would move one before its home slot.
        var hole = i;
        var j = (i + 1) & _mask;
        while (_slots[j].Key != 0)
        {
            var home = Home(_slots[j].Key);
            if (((j - home) & _mask) >= ((j - hole) & _mask))
            {
                _slots[hole] = _slots[j];
                hole = j;
            }

            j = (j + 1) & _mask;
        }

        _slots[hole] = default;
        Count--;
    }

    /// <summary>Removes every order.</summary>
    public void Clear()
    {
        Array.Clear(_slots);
        Count = 0;
    }

    /// <summary>Calls <paramref name="visit"/> for every order (not for the hot path: for checks and snapshots).</summary>
    public void ForEach(Action<RestingOrder> visit)
    {
        ArgumentNullException.ThrowIfNull(visit);
        foreach (ref readonly var slot in _slots.AsSpan())
        {
            if (slot.Key != 0)
            {
                visit(slot.Order);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Home(ulong key) => (int)((key * 0x9E3779B97F4A7C15UL) >> _shift);

    private void Grow()
    {
        var old = _slots;
        var capacity = old.Length * 2;
        _slots = new OrderIndexSlot[capacity];
        _mask = capacity - 1;
        _shift = 64 - BitOperations.Log2((uint)capacity);
        Count = 0;
        foreach (ref readonly var slot in old.AsSpan())
        {
            if (slot.Key != 0)
            {
                TryAdd(slot.Order);
            }
        }
    }
}
