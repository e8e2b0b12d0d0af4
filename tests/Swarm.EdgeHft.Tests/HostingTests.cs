using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Swarm.EdgeHft.Feed;
using Swarm.EdgeHft.Hosting;
using Swarm.EdgeHft.Itch;
using Swarm.EdgeHft.Risk;
using Swarm.EdgeHft.Strategy;
using Swarm.EdgeHft.Trading;

namespace Swarm.EdgeHft.Tests;

public sealed class HostingTests
{
    private static TradingPipeline NewPipeline(IRiskCheckEngine risk) =>
        new(new TradingPipelineOptions { ExpectedBookOrders = 64 }, new ImbalanceStrategy(new ImbalanceStrategyOptions()), risk, new RecordingOrderSink());

    private static string Http(IPEndPoint endPoint, string request)
    {
        using var client = new TcpClient();
        client.ReceiveTimeout = 5_000;
        client.Connect(endPoint);
        var stream = client.GetStream();
        stream.Write(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    [Fact]
    public void MetricsServer_ServesPrometheusTextHealthAndKillSwitch()
    {
        using var risk = new SoftwareRiskEngine(SoftwareRiskEngineTests.Loose);
        var pipeline = NewPipeline(risk);
        pipeline.Latency[Latency.LatencyStage.TickToTrade].Record(1_234);
        var metrics = new EdgeMetrics(pipeline);
        using var server = new MetricsServer(new IPEndPoint(IPAddress.Loopback, 0), metrics.Render, () => (true, "ok"), () => risk.SetKillSwitch(true));

        var scrape = Http(server.EndPoint, "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
        var health = Http(server.EndPoint, "GET /health HTTP/1.1\r\n\r\n");
        var missing = Http(server.EndPoint, "GET /nope HTTP/1.1\r\n\r\n");
        var wrongMethod = Http(server.EndPoint, "DELETE /metrics HTTP/1.1\r\n\r\n");
        var garbage = Http(server.EndPoint, "hello\r\n\r\n");
        var kill = Http(server.EndPoint, "POST /kill-switch HTTP/1.1\r\nContent-Length: 0\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 200 OK", scrape, StringComparison.Ordinal);
        Assert.Contains("text/plain; version=0.0.4", scrape, StringComparison.Ordinal);
        Assert.Contains("edge_latency_ns{stage=\"tick_to_trade\",quantile=\"0.99\"} 1234", scrape, StringComparison.Ordinal);
        Assert.Contains("edge_latency_max_ns{stage=\"tick_to_trade\"} 1234", scrape, StringComparison.Ordinal);
        Assert.Contains("edge_kill_switch 0", scrape, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 200 OK", health, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 404", missing, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 405", wrongMethod, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 400", garbage, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/1.1 200 OK", kill, StringComparison.Ordinal);
        Assert.True(risk.KillSwitchEngaged);
        Assert.Contains("edge_kill_switch 1", Http(server.EndPoint, "GET /metrics HTTP/1.0\r\n\r\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void UdpFeed_MoldUdp64PacketsOverLoopback_BuildTheBook()
    {
        using var risk = new SoftwareRiskEngine(SoftwareRiskEngineTests.Loose);
        var pipeline = NewPipeline(risk);
        using var feed = new UdpFeed(new UdpFeedOptions { BindAddress = "127.0.0.1", Port = 0 }, pipeline);
        using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var session = MoldSession.Parse("TEST000001");
        var packet = new byte[256];
        var message = new byte[64];
        var aapl = StockSymbol.Parse("AAPL");

        void Send(ulong sequence, params byte[][] messages)
        {
            MoldUdp64.WriteHeader(packet, session, sequence, (ushort)messages.Length);
            var offset = MoldUdp64.HeaderLength;
            foreach (var m in messages)
            {
                offset = MoldUdp64.WriteMessageBlock(packet, offset, m);
            }

            sender.SendTo(packet.AsSpan(0, offset), feed.LocalEndPoint);
        }

        byte[] Add(ulong reference, Side side, uint price) => message.AsSpan(0, ItchWriter.WriteAddOrder(message, 1, 1, reference, side, 100, aapl, price)).ToArray();

        Send(1, Add(1, Side.Buy, 1_000_000), Add(2, Side.Sell, 1_010_000));
        Send(4, Add(4, Side.Buy, 1_001_000));

        // Bounded: at most ~5 s of polling for two datagrams.
        var deadline = Stopwatch.GetTimestamp() + (5 * Stopwatch.Frequency);
        while (feed.Receiver.Statistics.Packets < 2 && Stopwatch.GetTimestamp() < deadline)
        {
            feed.PollOnce(10_000);
        }

        Assert.Equal(2, feed.Receiver.Statistics.Packets);
        Assert.Equal(1, feed.Receiver.Statistics.Gaps);
        Assert.Equal(1, feed.Receiver.Statistics.MessagesLost);
        Assert.Equal(1_001_000u, pipeline.Books[1]!.BestBid.Price);
        Assert.Equal(1_010_000u, pipeline.Books[1]!.BestAsk.Price);
    }

    [Fact]
    public void RetransmitRequester_OnGap_SendsMoldUdp64RequestPacket()
    {
        using var server = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        server.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        server.ReceiveTimeout = 5_000;
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var requester = new MoldUdp64RetransmitRequester(client, server.LocalEndPoint!);

        Assert.True(requester.OnGap(MoldSession.Parse("S1"), 100, 7));
        var buffer = new byte[64];
        var n = server.Receive(buffer);

        Assert.Equal(new Wire().Alpha("S1", 10).U64(100).U16(7).ToArray(), buffer[..n]);
        Assert.Equal(1, requester.RequestsSent);
    }

    [Fact]
    public void CpuAffinity_PinToAnAllowedCpu_Succeeds()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.False(CpuAffinity.TryPinCurrentThread([0], out var notLinux));
            Assert.NotNull(notLinux);
            return;
        }

        var allowed = CpuAffinity.CurrentThreadCpus();
        Assert.NotEmpty(allowed);
        var thread = new Thread(() =>
        {
            Assert.True(CpuAffinity.TryPinCurrentThread([allowed[^1]], out var error), error);
            Assert.Equal([allowed[^1]], CpuAffinity.CurrentThreadCpus());
        });
        thread.Start();
        thread.Join();
        Assert.False(CpuAffinity.TryPinCurrentThread([5_000], out var outOfRange));
        Assert.Contains("outside", outOfRange, StringComparison.Ordinal);
    }

    [Fact]
    public void KernelBypass_DetectsOnloadInLdPreload()
    {
        var before = Environment.GetEnvironmentVariable("LD_PRELOAD");
        try
        {
            Environment.SetEnvironmentVariable("LD_PRELOAD", "/usr/lib64/libonload.so");
            Assert.Equal("libonload.so", KernelBypass.Detect());
            Environment.SetEnvironmentVariable("LD_PRELOAD", "/usr/lib/libjemalloc.so");
            Assert.Null(KernelBypass.Detect());
        }
        finally
        {
            Environment.SetEnvironmentVariable("LD_PRELOAD", before);
        }
    }

    [Fact]
    public void SocketTuning_BusyPollZero_IsANoOp()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

        Assert.True(SocketTuning.TrySetBusyPoll(socket, 0, out var error));
        Assert.Null(error);
    }
}
