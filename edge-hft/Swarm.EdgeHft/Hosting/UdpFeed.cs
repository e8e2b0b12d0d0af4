using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Swarm.EdgeHft.Feed;

namespace Swarm.EdgeHft.Hosting;

/// <summary>Receives MoldUDP64 packets from a UDP socket and drives a <see cref="MoldUdp64Receiver"/>.</summary>
/// <remarks>
/// On Linux one <c>recvmmsg(2)</c> takes up to 32 queued datagrams into buffers allocated once; elsewhere the loop
/// reuses one buffer with <see cref="Socket.Poll(int, SelectMode)"/> and <see cref="Socket.Receive(Span{byte})"/>.
/// Neither allocates. Under OpenOnload the same calls are served from user space.
/// </remarks>
public sealed class UdpFeed : IPacketFeed
{
    private readonly Socket _socket;
    private readonly byte[] _packet = new byte[MoldUdp64.MaxPacketLength + 1];
    private readonly DatagramBatch? _batch;
    private readonly bool _spin;

    /// <summary>Binds the socket, joins the group and creates the receiver that delivers to <paramref name="sink"/>.</summary>
    /// <exception cref="SocketException">The address cannot be bound or the group joined.</exception>
    public UdpFeed(UdpFeedOptions options, IFeedMessageSink sink)
    {
        ArgumentNullException.ThrowIfNull(options);
        _spin = options.Spin;
        _socket = OpenSocket(options, out var warning);
        TuningWarning = warning;
        try
        {
            IMoldUdp64RecoveryHook? hook = null;
            if (options.RerequestServer is not null)
            {
                hook = Requester = new MoldUdp64RetransmitRequester(_socket, IPEndPoint.Parse(options.RerequestServer));
            }

            Receiver = new MoldUdp64Receiver(sink, hook, new MoldUdp64ReceiverOptions { Session = options.Session, RecoveryTimeout = options.RecoveryTimeout });
            _batch = OperatingSystem.IsLinux() ? new DatagramBatch(32, options.MaxDatagramBytes) : null;

            // The first poll of a socket initialises runtime internals once (an allocation): do it here, so the receive
            // loop allocates nothing from its first call on.
            _socket.Poll(0, SelectMode.SelectRead);
        }
        catch
        {
            _socket.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public MoldUdp64Receiver Receiver { get; }

    /// <summary>The re-request hook, when a re-request server is configured.</summary>
    public MoldUdp64RetransmitRequester? Requester { get; }

    /// <summary>The local end point (useful with port 0).</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    /// <inheritdoc />
    public string Description => $"MoldUDP64 on {LocalEndPoint} (kernel socket)";

    /// <inheritdoc />
    public string? TuningWarning { get; }

    /// <summary>Datagrams longer than <see cref="UdpFeedOptions.MaxDatagramBytes"/> (dropped; they show up as a gap).</summary>
    public long TruncatedDatagrams => _batch?.Truncated ?? 0;

    /// <summary>
    /// Receives what has arrived (up to 32 packets on Linux, else one), waiting up to <paramref name="waitMicroseconds"/>
    /// when nothing has (0 = do not wait); returns whether a packet was processed. Also lets a stalled recovery time out.
    /// </summary>
    public bool PollOnce(int waitMicroseconds)
    {
        if (_batch is not null)
        {
            var n = _batch.Receive(_socket.Handle);
            if (n == 0 && !_spin && waitMicroseconds > 0 && _socket.Poll(waitMicroseconds, SelectMode.SelectRead))
            {
                n = _batch.Receive(_socket.Handle);
            }

            if (n == 0)
            {
                Receiver.OnIdle(Stopwatch.GetTimestamp());
                return false;
            }

            // One stamp for the batch: every datagram in it was queued at this moment.
            var timestamp = Stopwatch.GetTimestamp();
            for (var i = 0; i < n; i++)
            {
                Receiver.OnPacket(_batch.Datagram(i), timestamp);
            }

            return true;
        }

        if (!_socket.Poll(_spin ? 0 : waitMicroseconds, SelectMode.SelectRead))
        {
            Receiver.OnIdle(Stopwatch.GetTimestamp());
            return false;
        }

        var length = _socket.Receive(_packet, SocketFlags.None);
        Receiver.OnPacket(_packet.AsSpan(0, length), Stopwatch.GetTimestamp());
        return true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _socket.Dispose();
        _batch?.Dispose();
    }

    /// <summary>The feed's UDP socket: bound, in the multicast group, with busy polling when asked (a failed option is a warning).</summary>
    /// <exception cref="SocketException">The address cannot be bound or the group joined.</exception>
    internal static Socket OpenSocket(UdpFeedOptions options, out string? tuningWarning)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.ReceiveBufferSize = options.ReceiveBufferBytes;
            socket.Bind(new IPEndPoint(IPAddress.Parse(options.BindAddress), options.Port));
            if (options.MulticastGroup is not null)
            {
                var local = options.MulticastInterface is null ? IPAddress.Any : IPAddress.Parse(options.MulticastInterface);
                socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.AddMembership, new MulticastOption(IPAddress.Parse(options.MulticastGroup), local));
            }

            SocketTuning.TrySetBusyPoll(socket, options.BusyPollMicroseconds, out tuningWarning);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
