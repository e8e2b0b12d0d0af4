using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Swarm.EdgeHft.Hosting;

/// <summary>
/// A minimal HTTP/1.1 responder on its own thread: <c>GET /metrics</c> (Prometheus text), <c>GET /health</c>
/// (200 or 503 with the reason), <c>POST /kill-switch</c> (engages the kill switch; releasing it takes a restart).
/// </summary>
/// <remarks>
/// Deliberately tiny and dependency-free: one connection at a time, requests up to 8 KB, 2-second socket timeouts,
/// connection closed after each response. It never touches the trading thread except through the callbacks.
/// Bind it to loopback unless a scraper outside the host needs it.
/// </remarks>
public sealed class MetricsServer : IDisposable
{
    private readonly TcpListener _listener;
    private readonly Func<string> _metrics;
    private readonly Func<(bool Healthy, string Detail)> _health;
    private readonly Action _killSwitch;
    private readonly Thread _thread;
    private volatile bool _stopping;

    /// <summary>Starts listening on <paramref name="endPoint"/>.</summary>
    /// <exception cref="SocketException">The address cannot be bound.</exception>
    public MetricsServer(IPEndPoint endPoint, Func<string> metrics, Func<(bool Healthy, string Detail)> health, Action killSwitch)
    {
        _metrics = metrics;
        _health = health;
        _killSwitch = killSwitch;
        _listener = new TcpListener(endPoint);
        _listener.Start();
        EndPoint = (IPEndPoint)_listener.LocalEndpoint;
        _thread = new Thread(Serve) { IsBackground = true, Name = "metrics-http" };
        _thread.Start();
    }

    /// <summary>The bound end point.</summary>
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
        var buffer = new byte[8 * 1024];
        while (!_stopping)
        {
            try
            {
                using var client = _listener.AcceptSocket();
                client.ReceiveTimeout = 2_000;
                client.SendTimeout = 2_000;
                Respond(client, buffer);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                // A client that times out or resets must not stop the endpoint; a stopped listener ends the loop.
            }
        }
    }

    private void Respond(Socket client, byte[] buffer)
    {
        var length = 0;
        while (length < buffer.Length)
        {
            var n = client.Receive(buffer, length, buffer.Length - length, SocketFlags.None);
            if (n == 0)
            {
                break;
            }

            length += n;
            if (buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8) >= 0)
            {
                break;
            }
        }

        var request = Encoding.ASCII.GetString(buffer, 0, length);
        var line = request.Split("\r\n", 2)[0].Split(' ');
        if (line.Length < 3 || !line[2].StartsWith("HTTP/", StringComparison.Ordinal))
        {
            Send(client, 400, "text/plain", "bad request\n");
            return;
        }

        var (method, path) = (line[0], line[1].Split('?', 2)[0]);
        switch (path)
        {
            case "/metrics" when method is "GET" or "HEAD":
                Send(client, 200, "text/plain; version=0.0.4; charset=utf-8", _metrics(), method == "HEAD");
                break;
            case "/health" when method is "GET" or "HEAD":
                var (healthy, detail) = _health();
                Send(client, healthy ? 200 : 503, "text/plain", detail + "\n", method == "HEAD");
                break;
            case "/kill-switch" when method == "POST":
                _killSwitch();
                Send(client, 200, "text/plain", "kill switch engaged\n");
                break;
            case "/metrics" or "/health" or "/kill-switch":
                Send(client, 405, "text/plain", "method not allowed\n");
                break;
            default:
                Send(client, 404, "text/plain", "not found; try /metrics or /health\n");
                break;
        }
    }

    private static void Send(Socket client, int status, string contentType, string body, bool headOnly = false)
    {
        var payload = Encoding.UTF8.GetBytes(body);
        var reason = status switch { 200 => "OK", 400 => "Bad Request", 404 => "Not Found", 405 => "Method Not Allowed", _ => "Service Unavailable" };
        var header = Encoding.ASCII.GetBytes($"HTTP/1.1 {status} {reason}\r\nContent-Type: {contentType}\r\nContent-Length: {payload.Length}\r\nConnection: close\r\n\r\n");
        client.Send(header);
        if (!headOnly)
        {
            client.Send(payload);
        }
    }
}
