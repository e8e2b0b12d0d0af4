using Swarm.EdgeHft.Hosting;

namespace Swarm.EdgeHft.Xdp;

/// <summary>Where and how to receive the MoldUDP64 feed through AF_XDP.</summary>
public sealed record AfXdpFeedOptions
{
    /// <summary>
    /// The UDP side: port (the XDP program redirects datagrams to it), the kernel socket that joins the multicast group
    /// and sends re-requests, session, spin and recovery timeout. Also what the socket path uses if XDP is unavailable.
    /// </summary>
    public UdpFeedOptions Udp { get; init; } = new();

    /// <summary>The interface to attach to, e.g. <c>eth0</c>.</summary>
    public string Interface { get; init; } = "";

    /// <summary>The receive queue the socket binds (steer the feed to it with <c>ethtool -N</c> on a multi-queue NIC).</summary>
    public uint Queue { get; init; }

    /// <summary>Native (in the driver) or generic XDP.</summary>
    public XdpAttachMode Mode { get; init; } = XdpAttachMode.Auto;

    /// <summary>Try zero-copy when the program runs natively (copy mode when the driver refuses); false = always copy.</summary>
    public bool ZeroCopy { get; init; } = true;

    /// <summary>UMEM frames of 2 KB (a power of two): packets that can be in flight between the kernel and the receiver.</summary>
    public int Frames { get; init; } = 4096;

    /// <summary>Back the UMEM with 2 MB hugepages when some are reserved (<c>vm.nr_hugepages</c>).</summary>
    public bool HugePages { get; init; }
}
