using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Swarm.EdgeHft.Feed;
using Swarm.EdgeHft.Hosting;

namespace Swarm.EdgeHft.Xdp;

/// <summary>
/// Receives the MoldUDP64 feed through an AF_XDP socket: an XDP program on the interface redirects the feed's UDP
/// datagrams on one receive queue into the socket's UMEM, and the receive loop reads them from the RX ring in place —
/// no system call per packet, no copy into a buffer, no allocation — and hands each payload to the
/// <see cref="MoldUdp64Receiver"/>. Everything else on the interface goes on to the kernel untouched.
/// </summary>
/// <remarks>
/// A kernel UDP socket bound to the same port stays open beside it: it joins the multicast group (so the switch and
/// NIC deliver the feed), sends MoldUDP64 re-requests (the unicast answers arrive at the port, so the program
/// redirects them too), and catches the datagrams the program passed on — those that arrived on another queue, or
/// before the socket was in the map — so nothing is lost while the program is being installed or when flow steering
/// is missing. The program is attached with a BPF link owned by this object: it leaves the interface when the feed is
/// disposed or the process dies. Single-threaded, like the receiver.
/// </remarks>
public sealed class AfXdpFeed : IPacketFeed
{
    private const uint Batch = 64;

    private readonly XdpSocket _xsk;
    private readonly Socket _socket;
    private readonly int _socketFd;
    private readonly int _mapFd = -1;
    private readonly int _programFd = -1;
    private readonly int _linkFd = -1;
    private readonly byte[] _packet = new byte[MoldUdp64.MaxPacketLength + 1];
    private readonly bool _spin;
    private uint _idlePolls;
    private bool _closed;

    /// <summary>Installs the program and binds the socket; <paramref name="sink"/> gets the messages in sequence.</summary>
    /// <exception cref="XdpUnavailableException">AF_XDP cannot be used (not Linux, no privilege, no interface, no driver support).</exception>
    /// <exception cref="SocketException">The UDP port cannot be bound or the group joined.</exception>
    public AfXdpFeed(AfXdpFeedOptions options, IFeedMessageSink sink)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!OperatingSystem.IsLinux())
        {
            throw new XdpUnavailableException("AF_XDP is Linux only");
        }

        var index = LinuxNative.InterfaceNameToIndex(options.Interface);
        if (index == 0)
        {
            throw new XdpUnavailableException($"no interface '{options.Interface}' in this network namespace");
        }

        Interface = options.Interface;
        Queue = options.Queue;
        _spin = options.Udp.Spin;
        _socket = UdpFeed.OpenSocket(options.Udp, out var warning);
        TuningWarning = warning;
        try
        {
            _socketFd = (int)_socket.Handle;
            Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
            _mapFd = Bpf.CreateXskMap((int)options.Queue + 1);
            _programFd = Bpf.LoadXdpProgram(XdpRedirectProgram.Build((ushort)Port, _mapFd));
            (_linkFd, Mode) = Attach(_programFd, index, options.Mode);
            _xsk = Bind(index, options, Mode);
            Bpf.SetXskMapEntry(_mapFd, options.Queue, _xsk.Fd);
            IMoldUdp64RecoveryHook? hook = null;
            if (options.Udp.RerequestServer is not null)
            {
                hook = Requester = new MoldUdp64RetransmitRequester(_socket, IPEndPoint.Parse(options.Udp.RerequestServer));
            }

            Receiver = new MoldUdp64Receiver(sink, hook, new MoldUdp64ReceiverOptions { Session = options.Udp.Session, RecoveryTimeout = options.Udp.RecoveryTimeout });

            // The first call of each system call on the idle path binds its stub, which allocates once: do it here,
            // so the receive loop allocates nothing from its first poll on.
            _ = _socket.Available;
            WaitForEither(0);
        }
        catch
        {
            CloseAll();
            throw;
        }
    }

    /// <inheritdoc />
    public MoldUdp64Receiver Receiver { get; }

    /// <summary>The re-request hook, when a re-request server is configured.</summary>
    public MoldUdp64RetransmitRequester? Requester { get; }

    /// <summary>The interface the program is attached to.</summary>
    public string Interface { get; }

    /// <summary>The receive queue the socket is bound to.</summary>
    public uint Queue { get; }

    /// <summary>The UDP port redirected.</summary>
    public int Port { get; }

    /// <summary>Where the program runs (native or generic).</summary>
    public XdpAttachMode Mode { get; }

    /// <summary>True when the socket is bound in zero-copy mode.</summary>
    public bool ZeroCopy => _xsk.ZeroCopy;

    /// <summary>Frames read from the RX ring.</summary>
    public long Frames { get; private set; }

    /// <summary>Datagrams that reached the kernel socket instead (another queue, or before the socket was in the map).</summary>
    public long KernelPathPackets { get; private set; }

    /// <summary>System calls the receive path made to wake the kernel (0 per packet when it keeps up).</summary>
    public long Wakeups => _xsk.Wakeups;

    /// <summary>Frames too short for the UDP length they declare (dropped).</summary>
    public long BadFrames { get; private set; }

    /// <summary>The kernel's counters for the socket (drops when the receiver falls behind).</summary>
    public XdpSocketStatistics KernelStatistics => _xsk.ReadStatistics();

    /// <inheritdoc />
    public string Description =>
        $"MoldUDP64 via AF_XDP on {Interface} queue {Queue}, UDP port {Port} ({Mode.ToString().ToLowerInvariant()} XDP, {(ZeroCopy ? "zero-copy" : "copy mode")}{(_xsk.HugePages ? ", UMEM in hugepages" : "")})";

    /// <inheritdoc />
    public string? TuningWarning { get; }

    /// <summary>
    /// Opens the AF_XDP feed, or — when XDP is unavailable — the socket path on the same options, saying so through
    /// <paramref name="log"/>.
    /// </summary>
    public static IPacketFeed OpenOrFallBack(AfXdpFeedOptions options, IFeedMessageSink sink, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        try
        {
            return new AfXdpFeed(options, sink);
        }
        catch (XdpUnavailableException e)
        {
            log($"warning: AF_XDP unavailable on {options.Interface} queue {options.Queue} ({e.Message}); falling back to the kernel socket path");
            return new UdpFeed(options.Udp, sink);
        }
    }

    /// <inheritdoc />
    public bool PollOnce(int waitMicroseconds)
    {
        var ready = _xsk.Peek(Batch, out var first);
        if (ready == 0)
        {
            return PollIdle(waitMicroseconds);
        }

        // One stamp for the batch: every frame in it was waiting in the ring at this moment.
        var timestamp = Stopwatch.GetTimestamp();
        for (var i = 0u; i < ready; i++)
        {
            _xsk.Prefetch(first + i);
        }

        for (var i = 0u; i < ready; i++)
        {
            Deliver(_xsk.Frame(first + i), timestamp);
        }

        Frames += ready;
        _xsk.Release(first, ready);
        return true;
    }

    /// <inheritdoc />
    public void Dispose() => CloseAll();

    private void Deliver(ReadOnlySpan<byte> frame, long timestamp)
    {
        // The program redirects only untagged IPv4 without options carrying UDP, so the layout is fixed; the UDP length
        // (not the frame length, which may include Ethernet padding) bounds the payload.
        if (frame.Length >= XdpRedirectProgram.PayloadOffset)
        {
            var payload = BinaryPrimitives.ReadUInt16BigEndian(frame[XdpRedirectProgram.UdpLengthOffset..]) - 8;
            if (payload >= 0 && XdpRedirectProgram.PayloadOffset + payload <= frame.Length)
            {
                Receiver.OnPacket(frame.Slice(XdpRedirectProgram.PayloadOffset, payload), timestamp);
                return;
            }
        }

        BadFrames++;
    }

    private bool PollIdle(int waitMicroseconds)
    {
        // The kernel socket sees traffic only when steering is off; look at it every 64th idle spin (a system call),
        // and every time when about to sleep.
        if (_spin || waitMicroseconds == 0)
        {
            if ((++_idlePolls & 63) == 0 && ReceiveFromKernel())
            {
                return true;
            }

            Receiver.OnIdle(Stopwatch.GetTimestamp());
            return false;
        }

        if (ReceiveFromKernel())
        {
            return true;
        }

        WaitForEither((waitMicroseconds + 999) / 1000);
        Receiver.OnIdle(Stopwatch.GetTimestamp());
        return false;
    }

    private bool ReceiveFromKernel()
    {
        if (_socket.Available == 0)
        {
            return false;
        }

        var n = _socket.Receive(_packet, SocketFlags.None);
        KernelPathPackets++;
        Receiver.OnPacket(_packet.AsSpan(0, n), Stopwatch.GetTimestamp());
        return true;
    }

    private unsafe void WaitForEither(int timeoutMilliseconds)
    {
        var fds = stackalloc LinuxNative.PollFd[2];
        fds[0] = new LinuxNative.PollFd { Fd = _xsk.Fd, Events = LinuxNative.PollIn };
        fds[1] = new LinuxNative.PollFd { Fd = _socketFd, Events = LinuxNative.PollIn };
        LinuxNative.Poll(fds, 2, timeoutMilliseconds);
    }

    private static (int Link, XdpAttachMode Mode) Attach(int programFd, uint index, XdpAttachMode mode)
    {
        if (mode != XdpAttachMode.Generic)
        {
            var link = Bpf.TryAttachXdp(programFd, index, LinuxNative.XdpFlagsDrvMode);
            if (link >= 0)
            {
                return (link, XdpAttachMode.Native);
            }

            if (mode == XdpAttachMode.Native || link == -LinuxNative.EBusy)
            {
                throw new XdpUnavailableException(LinuxNative.Describe("bpf(BPF_LINK_CREATE, native XDP)", -link) + (link == -LinuxNative.EBusy ? " — another XDP program is attached" : ""));
            }
        }

        var generic = Bpf.TryAttachXdp(programFd, index, LinuxNative.XdpFlagsSkbMode);
        return generic >= 0 ? (generic, XdpAttachMode.Generic)
            : throw new XdpUnavailableException(LinuxNative.Describe("bpf(BPF_LINK_CREATE, generic XDP)", -generic));
    }

    private static XdpSocket Bind(uint index, AfXdpFeedOptions options, XdpAttachMode mode)
    {
        if (options.ZeroCopy && mode == XdpAttachMode.Native)
        {
            try
            {
                return BindRetryingWhileBusy(index, options, zeroCopy: true);
            }
            catch (XdpUnavailableException)
            {
                // The driver has no zero-copy support (veth, most virtual NICs): copy mode below.
            }
        }

        return BindRetryingWhileBusy(index, options, zeroCopy: false);
    }

    private static XdpSocket BindRetryingWhileBusy(uint index, AfXdpFeedOptions options, bool zeroCopy)
    {
        // A socket closed a moment ago on the same queue is released by the kernel in deferred work; until then
        // bind says EBUSY. Wait for it a bounded time (20 tries, 50 ms apart), then report the queue as taken.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new XdpSocket(index, options.Queue, options.Frames, 2048, zeroCopy, options.HugePages);
            }
            catch (XdpUnavailableException e) when (attempt < 20 && e.Message.Contains($"errno {LinuxNative.EBusy}", StringComparison.Ordinal))
            {
                Thread.Sleep(50);
            }
        }
    }

    private void CloseAll()
    {
        // Once only: a descriptor number closed twice may by then belong to something else in the process.
        if (_closed)
        {
            return;
        }

        _closed = true;
        // Detach first, so no frame is redirected to a socket that is going away; take the socket out of the map so the
        // map (freed later, after an RCU grace period) does not keep it, and the queue, alive.
        if (_mapFd >= 0 && _xsk is not null)
        {
            Bpf.ClearXskMapEntry(_mapFd, Queue);
        }

        foreach (var fd in new[] { _linkFd, _programFd, _mapFd })
        {
            if (fd >= 0)
            {
                LinuxNative.Close(fd);
            }
        }

        _xsk?.Dispose();
        _socket.Dispose();
    }
}
