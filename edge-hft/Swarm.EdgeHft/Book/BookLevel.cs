namespace Swarm.EdgeHft.Book;

/// <summary>The totals of one price level as <see cref="BookSide"/> stores them (its key lives in a separate array).</summary>
internal struct BookLevel
{
    /// <summary>Resting orders at the level.</summary>
    public int Orders;

    /// <summary>Total displayed shares at the level.</summary>
    public long Shares;
}
