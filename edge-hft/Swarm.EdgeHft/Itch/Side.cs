namespace Swarm.EdgeHft.Itch;

/// <summary>The side of an order, encoded as the ASCII byte ITCH and OUCH put on the wire.</summary>
public enum Side : byte
{
    /// <summary>Buy order (<c>'B'</c>).</summary>
    Buy = (byte)'B',

    /// <summary>Sell order (<c>'S'</c>).</summary>
    Sell = (byte)'S',
}
