namespace Swarm.EdgeHft.Risk;

/// <summary>Pre-trade risk controls (SEC Rule 15c3-5) that every order passes before it may leave the firm.</summary>
/// <remarks>
/// An accepted order immediately consumes credit and counts toward the duplicate window and the rate throttle.
/// Implementations are single-threaded (called from the trading thread) except <see cref="SetKillSwitch"/>,
/// which any thread may call; they must not allocate in <see cref="Check"/>.
/// </remarks>
public interface IRiskCheckEngine : IDisposable
{
    /// <summary>A short name for logs and metrics (<c>software</c>, <c>fpga</c>).</summary>
    string Name { get; }

    /// <summary>True while the kill switch is engaged.</summary>
    bool KillSwitchEngaged { get; }

    /// <summary>Checks <paramref name="order"/> and, when accepted, records it.</summary>
    RiskVerdict Check(in OrderRequest order);

    /// <summary>
    /// Runs the checks for <paramref name="order"/> without recording anything or contacting a device, so the code and
    /// tables an order will need are hot in cache when a real one comes (orders are rare next to market data).
    /// </summary>
    void Prime(in OrderRequest order);

    /// <summary>Gives back credit for notional that ended unfilled (cancelled, or refused by the exchange).</summary>
    void Release(ushort account, ulong notional);

    /// <summary>Engages or releases the kill switch.</summary>
    void SetKillSwitch(bool engaged);
}
