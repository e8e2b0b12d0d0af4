using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Swarm.EdgeHft.Orders;

namespace Swarm.EdgeHft.Simulation;

/// <summary>
/// A NASDAQ-like OUCH 4.2 order entry port over SoupBinTCP 3.00 on 127.0.0.1, for tests, benchmarks and dry runs:
/// it logs sessions in, acknowledges Enter Order with Accepted, fills <see cref="ExchangeSimulatorOptions.FillRatio"/>
/// of it at the limit price (Executed), cancels the rest of an immediate-or-cancel order, and answers Cancel and
/// Replace. It keeps every inbound message it decoded.
/// </summary>
/// <remarks>One session at a time; a background thread serves it. Not for the hot path (it allocates freely).</remarks>
public sealed class ExchangeSimulator : IDisposable
{
    private readonly ExchangeSimulatorOptions _options;
    private readonly TcpListener _listener;
    private readonly Thread _thread;
    private readonly List<OuchInboundMessage> _received = [];
    private readonly Dictionary<ulong, SimulatedOpenOrder> _open = [];
    private readonly CancellationTokenSource _stop = new();
    private ulong _orderReference;
    private ulong _matchNumber;
    private ulong _sequence;

    /// <summary>Starts listening.</summary>
    public ExchangeSimulator(ExchangeSimulatorOptions? options = null)
    {
        _options = options ?? new ExchangeSimulatorOptions();
        _listener = new TcpListener(IPAddress.Loopback, _options.Port);
        _listener.Start();
        EndPoint = (IPEndPoint)_listener.LocalEndpoint;
        _thread = new Thread(Serve) { IsBackground = true, Name = "exchange-simulator" };
        _thread.Start();
    }

    /// <summary>Where to connect.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>Sessions logged in so far.</summary>
    public int Sessions { get; private set; }

    /// <summary>Login attempts refused.</summary>
    public int RejectedLogins { get; private set; }

    /// <summary>A copy of every inbound OUCH message decoded, in arrival order.</summary>
    public IReadOnlyList<OuchInboundMessage> Received
    {
        get
        {
            lock (_received)
            {
                return [.. _received];
            }
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> messages arrived or <paramref name="timeout"/> passed.</summary>
    public bool WaitForMessages(int count, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        lock (_received)
        {
            while (_received.Count < count)
            {
                var left = (deadline - Stopwatch.GetTimestamp()) * 1000 / Stopwatch.Frequency;
                if (left <= 0)
                {
                    return false;
                }

                Monitor.Wait(_received, (int)Math.Min(left, 100));
            }
        }

        return true;
    }

    /// <summary>Stops listening and ends the current session.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _thread.Join(TimeSpan.FromSeconds(5));
        _stop.Dispose();
    }

    private void Serve()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = _listener.AcceptSocket();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using (client)
            {
                try
                {
                    ServeSession(client);
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException)
                {
                    // The firm disconnected; wait for the next session.
                }
            }
        }
    }

    private void ServeSession(Socket client)
    {
        client.NoDelay = true;
        client.ReceiveTimeout = 200;
        var frames = new SoupBinTcpFrameBuffer();
        var output = new byte[1024];
        var loggedIn = false;
        var lastSent = Stopwatch.GetTimestamp();
        while (!_stop.IsCancellationRequested)
        {
            int n;
            try
            {
                n = frames.Receive(client);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.TimedOut)
            {
                if (loggedIn && Stopwatch.GetElapsedTime(lastSent) >= SoupBinTcp.HeartbeatInterval)
                {
                    SoupBinTcp.WriteHeader(output, SoupBinTcp.ServerHeartbeat, 0);
                    client.Send(output.AsSpan(0, SoupBinTcp.HeaderLength));
                    lastSent = Stopwatch.GetTimestamp();
                }

                continue;
            }

            if (n == 0)
            {
                return;
            }

            while (frames.TryTake(out var frame))
            {
                var payload = frames.Payload(frame);
                switch (frame.Type)
                {
                    case SoupBinTcp.LoginRequest when !loggedIn:
                        if (payload.Length != SoupBinTcp.LoginRequestPayloadLength
                            || (_options.Username is not null && SoupBinTcp.ReadAlpha(payload[..6]) != _options.Username)
                            || (_options.Password is not null && SoupBinTcp.ReadAlpha(payload[6..16]) != _options.Password))
                        {
                            RejectedLogins++;
                            client.Send(output.AsSpan(0, SoupBinTcp.WritePacket(output, SoupBinTcp.LoginRejected, "A"u8)));
                            return;
                        }

                        loggedIn = true;
                        Sessions++;
                        client.Send(output.AsSpan(0, SoupBinTcp.WriteLoginAccepted(output, _options.Session, _sequence + 1)));
                        break;
                    case SoupBinTcp.UnsequencedData when loggedIn:
                        Handle(client, payload, output);
                        break;
                    case SoupBinTcp.LogoutRequest:
                        return;
                }

                lastSent = Stopwatch.GetTimestamp();
            }

            if (frames.IsCorrupt)
            {
                return;
            }
        }
    }

    private void Handle(Socket client, ReadOnlySpan<byte> payload, byte[] output)
    {
        if (!OuchReader.TryReadInbound(payload, out var message))
        {
            return;
        }

        lock (_received)
        {
            _received.Add(message);
            Monitor.PulseAll(_received);
        }

        var now = (long)(DateTime.UtcNow.TimeOfDay.Ticks * 100);
        Span<byte> ouch = stackalloc byte[OuchMessageLength.Replaced];
        switch (message.Type)
        {
            case (byte)'O':
            {
                var order = new OuchEnterOrder(message.Token, message.Side, message.Shares, message.Stock, message.Price, message.TimeInForce, message.Firm);
                var reference = ++_orderReference;
                Sequenced(client, output, ouch[..OuchWriter.WriteAccepted(ouch, now, order, reference)]);
                var fill = (uint)Math.Floor(message.Shares * Math.Clamp(_options.FillRatio, 0, 1));
                if (fill > 0)
                {
                    Sequenced(client, output, ouch[..OuchWriter.WriteExecuted(ouch, now, message.Token, fill, message.Price, (byte)'R', ++_matchNumber)]);
                }

                var open = message.Shares - fill;
                if (open > 0 && message.TimeInForce == OuchEnterOrder.ImmediateOrCancel)
                {
                    Sequenced(client, output, ouch[..OuchWriter.WriteCanceled(ouch, now, message.Token, open, (byte)'I')]);
                }
                else if (open > 0)
                {
                    _open[message.Token] = new SimulatedOpenOrder(order with { Shares = open }, reference);
                }

                break;
            }

            case (byte)'X' when _open.TryGetValue(message.Token, out var existing):
            {
                var decrement = existing.Order.Shares > message.Shares ? existing.Order.Shares - message.Shares : 0;
                if (decrement == 0)
                {
                    break;
                }

                Sequenced(client, output, ouch[..OuchWriter.WriteCanceled(ouch, now, message.Token, decrement, (byte)'U')]);
                if (message.Shares == 0)
                {
                    _open.Remove(message.Token);
                }
                else
                {
                    _open[message.Token] = existing with { Order = existing.Order with { Shares = message.Shares } };
                }

                break;
            }

            case (byte)'U' when _open.Remove(message.Token, out var existing):
            {
                var replacement = existing.Order with { Token = message.ReplacementToken, Shares = message.Shares, Price = message.Price, TimeInForce = message.TimeInForce };
                var reference = ++_orderReference;
                _open[message.ReplacementToken] = new SimulatedOpenOrder(replacement, reference);
                Sequenced(client, output, ouch[..OuchWriter.WriteReplaced(ouch, now, replacement, reference, message.Token)]);
                break;
            }
        }
    }

    private void Sequenced(Socket client, byte[] output, ReadOnlySpan<byte> ouch)
    {
        _sequence++;
        client.Send(output.AsSpan(0, SoupBinTcp.WritePacket(output, SoupBinTcp.SequencedData, ouch)));
    }
}
