namespace Swarm.EdgeHft.Book;

/// <summary>Key and value side by side, so an <see cref="OrderIndex"/> lookup touches one cache line, not two arrays.</summary>
internal struct OrderIndexSlot
{
    /// <summary>Order reference + 1; 0 marks an empty slot.</summary>
    public ulong Key;

    /// <summary>The order.</summary>
    public RestingOrder Order;
}
