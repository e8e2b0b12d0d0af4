namespace Swarm.EdgeHft.Book;

/// <summary>One price level as <see cref="BookSide"/> stores it: the side-adjusted key, order count and total size.</summary>
internal struct BookLevel
{
    /// <summary>Price for bids, its complement for asks, so a higher key is always a better price.</summary>
    public uint Key;

    /// <summary>Resting orders at the level.</summary>
    public int Orders;

    /// <summary>Total displayed shares at the level.</summary>
    public long Shares;
}
