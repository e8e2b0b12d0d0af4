namespace Swarm.EdgeHft.Orders;

/// <summary>Outbound (exchange → firm) OUCH 4.2 message types decoded here.</summary>
public enum OuchEventType : byte
{
    /// <summary>System Event.</summary>
    SystemEvent = (byte)'S',

    /// <summary>Order Accepted.</summary>
    Accepted = (byte)'A',

    /// <summary>Order Replaced.</summary>
    Replaced = (byte)'U',

    /// <summary>Order Canceled.</summary>
    Canceled = (byte)'C',

    /// <summary>Order Executed.</summary>
    Executed = (byte)'E',

    /// <summary>Order Rejected.</summary>
    Rejected = (byte)'J',
}
