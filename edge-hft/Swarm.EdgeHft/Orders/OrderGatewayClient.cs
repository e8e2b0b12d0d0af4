using System.Diagnostics;
using System.Net.Sockets;
using Swarm.EdgeHft.Hosting;

namespace Swarm.EdgeHft.Orders;

/// <summary>
/// The firm's side of an OUCH 4.2 order entry session over SoupBinTCP 3.00: logs in, sends each OUCH message as an
/// Unsequenced Data packet, decodes the exchange's Sequenced Data packets, and keeps the session alive with heartbeats.
/// </summary>
/// <remarks>
/// Single-threaded by design: the trading thread calls <see cref="Send"/> and, between market data messages,
/// <see cref="Poll"/> — there is no reader thread to hand off to, so answers are processed with no queueing and no
/// locks. Send and Poll use one preallocated buffer each and do not allocate. Nagle is off.
/// </remarks>
public sealed class OrderGatewayClient : IOrderSink, IDisposable
{
    private readonly OrderGatewayOptions _options;
    private readonly byte[] _send = new byte[SoupBinTcp.HeaderLength + SoupBinTcp.MaxPayloadLength];
    private readonly SoupBinTcpFrameBuffer _receive = new();
    private readonly long _heartbeatTicks = (long)(SoupBinTcp.HeartbeatInterval.TotalSeconds * Stopwatch.Frequency);
    private readonly long _silenceTicks = (long)(SoupBinTcp.SilenceTimeout.TotalSeconds * Stopwatch.Frequency);
    private Socket? _socket;
    private long _lastSent;
    private long _lastHeard;

    /// <summary>Creates a client; nothing happens until <see cref="Connect"/>.</summary>
    public OrderGatewayClient(OrderGatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>The session the gateway put us in.</summary>
    public string Session { get; private set; } = "";

    /// <summary>The sequence number of the next Sequenced Data packet.</summary>
    public ulong NextSequence { get; private set; }

    /// <summary>True between a successful login and the end of the session.</summary>
    public bool IsLoggedIn { get; private set; }

    /// <summary>True once the gateway sent End of Session.</summary>
    public bool EndOfSession { get; private set; }

    /// <summary>Messages sent.</summary>
    public long MessagesSent { get; private set; }

    /// <summary>Sequenced messages that did not decode as OUCH 4.2.</summary>
    public long UndecodableMessages { get; private set; }

    /// <summary>A note when a socket option could not be applied (null when all applied).</summary>
    public string? TuningWarning { get; private set; }

    /// <summary>Connects and logs in.</summary>
    /// <exception cref="OrderGatewayException">Connecting failed, the login was rejected, or it timed out.</exception>
    public void Connect(CancellationToken cancellationToken = default)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(_options.LoginTimeout);
                socket.ConnectAsync(_options.Host, _options.Port, timeout.Token).AsTask().GetAwaiter().GetResult();
            }

            if (!SocketTuning.TrySetBusyPoll(socket, _options.BusyPollMicroseconds, out var warning))
            {
                TuningWarning = warning;
            }

            var n = SoupBinTcp.WriteLoginRequest(_send, _options.Username, _options.Password, _options.Session, _options.RequestedSequence);
            socket.Send(_send.AsSpan(0, n));
            socket.ReceiveTimeout = (int)_options.LoginTimeout.TotalMilliseconds;
            while (true)
            {
                if (_receive.Receive(socket) == 0)
                {
                    throw new OrderGatewayException("The gateway closed the connection during login.");
                }

                while (_receive.TryTake(out var frame))
                {
                    var payload = _receive.Payload(frame);
                    switch (frame.Type)
                    {
                        case SoupBinTcp.LoginAccepted when payload.Length == SoupBinTcp.LoginAcceptedPayloadLength:
                            Session = SoupBinTcp.ReadAlpha(payload[..10]);
                            NextSequence = SoupBinTcp.TryReadNumeric(payload[10..], out var sequence) ? sequence : 1;
                            socket.ReceiveTimeout = 0;
                            _socket = socket;
                            IsLoggedIn = true;
                            _lastSent = _lastHeard = Stopwatch.GetTimestamp();
                            return;
                        case SoupBinTcp.LoginRejected:
                            var reason = payload.IsEmpty ? '?' : (char)payload[0];
                            throw new OrderGatewayException(reason switch
                            {
                                'A' => "Login rejected: not authorized (bad username or password).",
                                'S' => "Login rejected: the requested session is not available.",
                                _ => $"Login rejected with reason '{reason}'.",
                            });
                        case SoupBinTcp.Debug or SoupBinTcp.ServerHeartbeat:
                            break;
                        default:
                            throw new OrderGatewayException($"Unexpected SoupBinTCP packet '{(char)frame.Type}' during login.");
                    }
                }

                if (_receive.IsCorrupt)
                {
                    throw new OrderGatewayException("Corrupt SoupBinTCP framing during login.");
                }
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ArgumentException or IOException)
        {
            socket.Dispose();
            throw new OrderGatewayException($"Cannot log in to the order gateway at {_options.Host}:{_options.Port}: {e.Message}", e);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Sends one OUCH message as an Unsequenced Data packet.</summary>
    /// <exception cref="InvalidOperationException">Not logged in.</exception>
    public void Send(ReadOnlySpan<byte> ouchMessage)
    {
        var socket = _socket;
        if (socket is null || !IsLoggedIn)
        {
            ThrowHelper.ThrowNotConnected();
        }

        var n = SoupBinTcp.WritePacket(_send, SoupBinTcp.UnsequencedData, ouchMessage);
        socket.Send(_send.AsSpan(0, n));
        MessagesSent++;
        _lastSent = Stopwatch.GetTimestamp();
    }

    /// <summary>
    /// Processes whatever the gateway has sent, without blocking; sends a heartbeat when due. Returns the number of
    /// OUCH events delivered. Throws <see cref="OrderGatewayException"/> when the session is lost.
    /// </summary>
    public int Poll(IOuchEventSink sink, long timestamp)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var socket = _socket;
        if (socket is null || !IsLoggedIn)
        {
            return 0;
        }

        if (timestamp - _lastSent >= _heartbeatTicks)
        {
            Span<byte> heartbeat = stackalloc byte[SoupBinTcp.HeaderLength];
            SoupBinTcp.WriteHeader(heartbeat, SoupBinTcp.ClientHeartbeat, 0);
            socket.Send(heartbeat);
            _lastSent = timestamp;
        }

        var events = 0;
        while (socket.Available > 0)
        {
            if (_receive.Receive(socket) == 0)
            {
                break;
            }

            _lastHeard = timestamp;
            while (_receive.TryTake(out var frame))
            {
                switch (frame.Type)
                {
                    case SoupBinTcp.SequencedData:
                        NextSequence++;
                        if (OuchReader.TryReadEvent(_receive.Payload(frame), out var e))
                        {
                            sink.OnOuchEvent(e);
                            events++;
                        }
                        else
                        {
                            UndecodableMessages++;
                        }

                        break;
                    case SoupBinTcp.EndOfSession:
                        EndOfSession = true;
                        IsLoggedIn = false;
                        return events;
                }
            }

            if (_receive.IsCorrupt)
            {
                IsLoggedIn = false;
                throw new OrderGatewayException("Corrupt SoupBinTCP framing from the gateway; session dropped.");
            }
        }

        if (timestamp - _lastHeard >= _silenceTicks)
        {
            IsLoggedIn = false;
            throw new OrderGatewayException("No data or heartbeat from the gateway for 15 seconds; session considered lost.");
        }

        return events;
    }

    /// <summary>Sends a Logout Request (best effort) and closes the socket.</summary>
    public void Dispose()
    {
        var socket = _socket;
        _socket = null;
        if (socket is null)
        {
            return;
        }

        try
        {
            if (IsLoggedIn)
            {
                Span<byte> logout = stackalloc byte[SoupBinTcp.HeaderLength];
                SoupBinTcp.WriteHeader(logout, SoupBinTcp.LogoutRequest, 0);
                socket.Send(logout);
            }
        }
        catch (SocketException)
        {
            // The peer may already be gone; closing is all that is left to do.
        }
        finally
        {
            IsLoggedIn = false;
            socket.Dispose();
        }
    }
}
