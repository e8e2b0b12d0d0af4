using System.Net;
using System.Net.Sockets;
using Swarm.EdgeHft.Risk.Fpga;

namespace Swarm.EdgeHft.Simulation;

/// <summary>Serves a <see cref="SimulatedRiskDevice"/> on a TCP port of 127.0.0.1, as the card's driver daemon would.</summary>
public sealed class SimulatedRiskDeviceServer : IDisposable
{
    private readonly SimulatedRiskDevice _device;
    private readonly TcpListener _listener;
    private readonly Thread _thread;
    private volatile bool _stopping;

    /// <summary>Starts serving <paramref name="device"/> on <paramref name="port"/> (0 = any free port).</summary>
    public SimulatedRiskDeviceServer(SimulatedRiskDevice device, int port = 0)
    {
        _device = device;
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Start();
        EndPoint = (IPEndPoint)_listener.LocalEndpoint;
        _thread = new Thread(Serve) { IsBackground = true, Name = "risk-device-sim" };
        _thread.Start();
    }

    /// <summary>Where to connect.</summary>
    public IPEndPoint EndPoint { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        _stopping = true;
        _listener.Stop();
        _thread.Join(TimeSpan.FromSeconds(5));
    }

    private void Serve()
    {
        var request = new byte[RiskDeviceProtocol.RequestLength];
        var response = new byte[RiskDeviceProtocol.ResponseLength];
        while (!_stopping)
        {
            try
            {
                using var client = _listener.AcceptSocket();
                client.NoDelay = true;
                while (ReadFrame(client, request))
                {
                    _device.Process(request, response);
                    client.Send(response);
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                // Listener stopped or host disconnected.
            }
        }
    }

    private static bool ReadFrame(Socket client, byte[] frame)
    {
        var got = 0;
        while (got < frame.Length)
        {
            var n = client.Receive(frame, got, frame.Length - got, SocketFlags.None);
            if (n == 0)
            {
                return false;
            }

            got += n;
        }

        return true;
    }
}
