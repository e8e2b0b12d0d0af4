namespace Swarm.EdgeHft.Book;

/// <summary>Aggregated resting interest at one price.</summary>
/// <param name="Price">Price, 4 implied decimals (0 with no orders: an empty side).</param>
/// <param name="Shares">Total displayed shares at the price.</param>
/// <param name="OrderCount">Number of resting orders at the price.</param>
public readonly record struct PriceLevel(uint Price, long Shares, int OrderCount)
{
    /// <summary>True when no order rests at this level (the value returned for an empty side).</summary>
    public bool IsEmpty => OrderCount == 0;
}
