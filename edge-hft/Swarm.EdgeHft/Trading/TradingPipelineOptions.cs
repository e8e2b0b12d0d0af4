namespace Swarm.EdgeHft.Trading;

/// <summary>Settings of the <see cref="TradingPipeline"/>.</summary>
public sealed record TradingPipelineOptions
{
    /// <summary>Risk account the strategy trades for.</summary>
    public ushort Account { get; init; }

    /// <summary>OUCH firm (MPID), up to 4 ASCII characters; blank = the port's default.</summary>
    public string Firm { get; init; } = "";

    /// <summary>First order id (OUCH token) to use; later ids count up from it.</summary>
    public ulong FirstOrderId { get; init; } = 1;

    /// <summary>Live orders the book index is sized for (it grows beyond, with an allocation).</summary>
    public int ExpectedBookOrders { get; init; } = 1 << 20;

    /// <summary>Price levels per book side preallocated.</summary>
    public int InitialLevels { get; init; } = 256;

    /// <summary>
    /// Every this many book updates without an order, run risk and the encoder on a dummy order that is never sent,
    /// to keep the order path in cache (0 = off).
    /// </summary>
    public int PrimeEvery { get; init; } = 32;

    /// <summary>Own live orders tracked for credit release.</summary>
    public int ExpectedLiveOrders { get; init; } = 1 << 16;
}
