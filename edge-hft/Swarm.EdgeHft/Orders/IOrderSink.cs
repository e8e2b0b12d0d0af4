namespace Swarm.EdgeHft.Orders;

/// <summary>Where encoded OUCH inbound messages go: the gateway session, or a recorder in tests and dry runs.</summary>
public interface IOrderSink
{
    /// <summary>Sends one OUCH message (without SoupBinTCP framing). Must not allocate.</summary>
    void Send(ReadOnlySpan<byte> ouchMessage);
}
