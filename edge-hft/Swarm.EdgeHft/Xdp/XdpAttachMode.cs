namespace Swarm.EdgeHft.Xdp;

/// <summary>Where the XDP program runs.</summary>
public enum XdpAttachMode
{
    /// <summary>Native if the driver supports it, else generic.</summary>
    Auto,

    /// <summary>In the driver, before an skb exists (needed for zero-copy).</summary>
    Native,

    /// <summary>In the core stack after the skb is built (any driver; always copy mode).</summary>
    Generic,
}
