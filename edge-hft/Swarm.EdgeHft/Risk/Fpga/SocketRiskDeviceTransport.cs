using System.Net.Sockets;

namespace Swarm.EdgeHft.Risk.Fpga;

/// <summary>
/// Reaches the risk card over a stream socket — a TCP port or a Unix domain socket of the card's driver daemon (or of
/// the simulated device). Requests and responses are the raw fixed-size frames, back to back.
/// </summary>
public sealed class SocketRiskDeviceTransport : IRiskDeviceTransport
{
    private readonly Socket _socket;

    private SocketRiskDeviceTransport(Socket socket) => _socket = socket;

    /// <summary>Connects over TCP.</summary>
    /// <exception cref="RiskDeviceException">The card's port cannot be reached.</exception>
    public static SocketRiskDeviceTransport ConnectTcp(string host, int port, TimeSpan timeout)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        return Connect(socket, timeout, $"{host}:{port}", s => s.ConnectAsync(host, port));
    }

    /// <summary>Connects over a Unix domain socket.</summary>
    /// <exception cref="RiskDeviceException">The socket cannot be reached.</exception>
    public static SocketRiskDeviceTransport ConnectUnix(string path, TimeSpan timeout)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        return Connect(socket, timeout, path, s => s.ConnectAsync(new UnixDomainSocketEndPoint(path)));
    }

    /// <inheritdoc />
    public void Exchange(ReadOnlySpan<byte> request, Span<byte> response)
    {
        try
        {
            _socket.Send(request[..RiskDeviceProtocol.RequestLength]);
            var got = 0;
            while (got < RiskDeviceProtocol.ResponseLength)
            {
                var n = _socket.Receive(response[got..RiskDeviceProtocol.ResponseLength]);
                if (n == 0)
                {
                    throw new RiskDeviceException("The risk card closed the connection.");
                }

                got += n;
            }
        }
        catch (SocketException e)
        {
            throw new RiskDeviceException($"Risk card link failed: {e.SocketErrorCode}.", e);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _socket.Dispose();

    private static SocketRiskDeviceTransport Connect(Socket socket, TimeSpan timeout, string where, Func<Socket, Task> connect)
    {
        try
        {
            if (!connect(socket).Wait(timeout))
            {
                throw new RiskDeviceException($"Timed out connecting to the risk card at {where}.");
            }

            socket.ReceiveTimeout = (int)Math.Max(1, timeout.TotalMilliseconds);
            socket.SendTimeout = socket.ReceiveTimeout;
            return new SocketRiskDeviceTransport(socket);
        }
        catch (AggregateException e) when (e.InnerException is SocketException inner)
        {
            socket.Dispose();
            throw new RiskDeviceException($"Cannot reach the risk card at {where}: {inner.Message}", inner);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
