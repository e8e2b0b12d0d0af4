namespace Swarm.EdgeHft.Latency;

/// <summary>The measured stages of the trading path.</summary>
public enum LatencyStage
{
    /// <summary>ITCH decode and order book update, per message (fused: the parser calls the book directly).</summary>
    Feed,

    /// <summary>Strategy decision, per book update.</summary>
    Strategy,

    /// <summary>Pre-trade risk check, per order.</summary>
    Risk,

    /// <summary>OUCH encoding, per order.</summary>
    Encode,

    /// <summary>Hand-off to the gateway socket (SoupBinTCP framing + send), per order.</summary>
    Send,

    /// <summary>From the market data message's arrival to the order's send, per order.</summary>
    TickToTrade,
}
