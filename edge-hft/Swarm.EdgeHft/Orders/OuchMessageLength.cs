namespace Swarm.EdgeHft.Orders;

/// <summary>OUCH 4.2 message lengths in bytes, including the type byte.</summary>
public static class OuchMessageLength
{
    /// <summary>Inbound Enter Order <c>'O'</c> (section 2.1).</summary>
    public const int EnterOrder = 49;

    /// <summary>Inbound Replace Order <c>'U'</c> (section 2.2).</summary>
    public const int ReplaceOrder = 47;

    /// <summary>Inbound Cancel Order <c>'X'</c> (section 2.3).</summary>
    public const int CancelOrder = 19;

    /// <summary>Outbound System Event <c>'S'</c> (section 3).</summary>
    public const int SystemEvent = 10;

    /// <summary>Outbound Accepted <c>'A'</c> (section 3).</summary>
    public const int Accepted = 66;

    /// <summary>Outbound Replaced <c>'U'</c> (section 3).</summary>
    public const int Replaced = 80;

    /// <summary>Outbound Canceled <c>'C'</c> (section 3).</summary>
    public const int Canceled = 28;

    /// <summary>Outbound Executed <c>'E'</c> (section 3).</summary>
    public const int Executed = 40;

    /// <summary>Outbound Rejected <c>'J'</c> (section 3).</summary>
    public const int Rejected = 24;
}
