using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Swarm.EdgeHft.Book;
using Swarm.EdgeHft.Configuration;
using Swarm.EdgeHft.Feed;
using Swarm.EdgeHft.Hosting;
using Swarm.EdgeHft.Simulation;
using Swarm.EdgeHft.Xdp;
using Xunit.Abstractions;

namespace Swarm.EdgeHft.Tests;

public sealed class AfXdpFeedTests(ITestOutputHelper output)
{
    private static readonly MoldSession Session = MoldSession.Parse("XDPTEST001");

    [Fact]
    public void Program_IsTheDocumentedFilter()
    {
        var program = XdpRedirectProgram.Build(26477, mapFd: 9);

        Assert.Equal(24, program.Length);
        Assert.Equal(0x95, program[^1].Code);
        Assert.Equal(2, program[^2].Immediate);

        // The port compare sees the big-endian port through a little-endian 16-bit load of bytes 36..37.
        Assert.Equal(0x69, program[14].Code);
        Assert.Equal(36, program[14].Offset);
        Assert.Equal((26477 >> 8) | ((26477 & 0xFF) << 8), program[15].Immediate);

        // The map is loaded with BPF_PSEUDO_MAP_FD (source register 1) into r1, then bpf_redirect_map (51) is called.
        Assert.Equal(0x18, program[17].Code);
        Assert.Equal(0x11, program[17].Registers);
        Assert.Equal(9, program[17].Immediate);
        Assert.Equal(51, program[20].Immediate);

        // Every jump that leaves the filter lands on the XDP_PASS exit.
        foreach (var i in new[] { 5, 7, 9, 11, 13, 15 })
        {
            Assert.Equal(22, i + 1 + program[i].Offset);
        }
    }

    [Fact]
    public void OpenOrFallBack_WithoutTheInterface_SaysSoAndUsesTheSocketPath()
    {
        var log = new List<string>();
        var options = new AfXdpFeedOptions { Interface = "no-such-if0", Udp = new UdpFeedOptions { BindAddress = "127.0.0.1", Port = 0 } };

        using var feed = AfXdpFeed.OpenOrFallBack(options, new RecordingSink(), log.Add);

        Assert.IsType<UdpFeed>(feed);
        var line = Assert.Single(log);
        Assert.Contains("AF_XDP unavailable on no-such-if0", line, StringComparison.Ordinal);
        Assert.Contains("falling back to the kernel socket path", line, StringComparison.Ordinal);
    }

    [Fact]
    public void EdgeService_XdpModeWithoutTheInterface_LogsTheFallbackAndRunsOnTheSocket()
    {
        var config = new EdgeConfig
        {
            Feed = new FeedConfig { Mode = "xdp", Bind = "127.0.0.1:0", XdpInterface = "no-such-if0" },
            Metrics = new MetricsConfig { Listen = "" },
            Host = new HostConfig { WarmupMessages = 0 },
        };
        Assert.Empty(EdgeConfigLoader.Validate(config));
        using var log = new CancelOnLineWriter("network:");

        var code = new EdgeService(config, log).Run(log.Token);

        Assert.Equal(0, code);
        Assert.Contains("warning: AF_XDP unavailable on no-such-if0 queue 0 (no interface 'no-such-if0' in this network namespace); falling back to the kernel socket path", log.Text, StringComparison.Ordinal);
        Assert.Contains("feed: MoldUDP64 on 127.0.0.1:", log.Text, StringComparison.Ordinal);
    }

    [VethXdpFact]
    public void AfXdpFeed_NativeOnAVethPair_WithGapsAndReordering_BuildsTheBookTheFileBuilds() =>
        FeedOverVethPair(XdpAttachMode.Auto, XdpAttachMode.Native);

    [VethXdpFact]
    public void AfXdpFeed_GenericOnAVethPair_WithGapsAndReordering_BuildsTheBookTheFileBuilds() =>
        FeedOverVethPair(XdpAttachMode.Generic, XdpAttachMode.Generic);

    private void FeedOverVethPair(XdpAttachMode mode, XdpAttachMode expectedMode)
    {
        var file = SyntheticFeed.Generate(new SyntheticFeedOptions { Messages = 40_000, Symbols = 6, Seed = 5 });
        var expected = new ItchBookSink(new BookBuilder());
        new ItchFileReplay().Replay(new MemoryStream(file, writable: false), expected);
        var publisher = new MoldUdp64Publisher(file, Session);

        using var pair = VethNamespacePair.TryCreate($"swx{Environment.ProcessId}-{mode.ToString().ToLowerInvariant()}", out var reason);
        Assert.True(pair is not null, reason);
        using var sender = pair.InSender(() =>
        {
            var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            s.Bind(new IPEndPoint(VethNamespacePair.SenderAddress, 0));
            return s;
        });
        var actual = new ItchBookSink(new BookBuilder());
        using var feed = pair.InReceiver(() => new AfXdpFeed(
            new AfXdpFeedOptions
            {
                Interface = VethNamespacePair.ReceiverInterface,
                Mode = mode,
                Udp = new UdpFeedOptions
                {
                    BindAddress = "0.0.0.0",
                    Port = 0,
                    RerequestServer = sender.LocalEndPoint!.ToString(),
                    RecoveryTimeout = TimeSpan.FromSeconds(5),
                },
            },
            actual));
        output.WriteLine(feed.Description);
        Assert.Equal(expectedMode, feed.Mode);
        var target = new IPEndPoint(VethNamespacePair.ReceiverAddress, feed.Port);

        // Other traffic on the interface reaches the kernel: a datagram to another port arrives at an ordinary socket.
        using var bystander = pair.InReceiver(() =>
        {
            var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = 5_000 };
            s.Bind(new IPEndPoint(VethNamespacePair.ReceiverAddress, 0));
            return s;
        });
        sender.SendTo("not the feed"u8, bystander.LocalEndPoint!);
        var received = new byte[64];
        Assert.Equal("not the feed", System.Text.Encoding.ASCII.GetString(received, 0, bystander.Receive(received)));

        // The receiver polls on its own thread until it has every message, or 30 s pass.
        var deadline = Stopwatch.GetTimestamp() + (30 * Stopwatch.Frequency);
        var done = false;
        var receiver = new Thread(() =>
        {
            while (feed.Receiver.NextExpectedSequence <= (ulong)publisher.MessageCount && Stopwatch.GetTimestamp() < deadline)
            {
                feed.PollOnce(1_000);
            }

            Volatile.Write(ref done, true);
        })
        { IsBackground = true };
        receiver.Start();

        // Packets 50, 147, ... are never sent (recovered by re-request); pairs at 30, 119, ... are sent swapped.
        var reply = new byte[2048];
        var request = new byte[64];
        var dropped = 0;
        var swapped = 0;
        for (var i = 0; i < publisher.PacketCount; i++)
        {
            if (i % 97 == 50)
            {
                dropped++;
                continue;
            }

            if (i % 89 == 30 && i + 1 < publisher.PacketCount && (i + 1) % 97 != 50)
            {
                sender.SendTo(publisher.Packet(i + 1), target);
                sender.SendTo(publisher.Packet(i), target);
                swapped++;
                i++;
            }
            else
            {
                sender.SendTo(publisher.Packet(i), target);
            }

            if (i % 16 == 0)
            {
                AnswerRequests(sender, publisher, request, reply);
                Thread.Yield();
            }
        }

        // Heartbeats carry the next sequence number, so a gap at the very end is seen too.
        var heartbeat = new byte[MoldUdp64.HeaderLength];
        MoldUdp64.WriteHeader(heartbeat, Session, (ulong)publisher.MessageCount + 1, MoldUdp64.HeartbeatCount);
        while (!Volatile.Read(ref done) && Stopwatch.GetTimestamp() < deadline)
        {
            AnswerRequests(sender, publisher, request, reply);
            sender.SendTo(heartbeat, target);
            Thread.Sleep(1);
        }

        receiver.Join();
        var stats = feed.Receiver.Statistics;
        output.WriteLine($"packets sent {publisher.PacketCount - dropped} (dropped {dropped}, swapped pairs {swapped}); AF_XDP frames {feed.Frames}, kernel-path {feed.KernelPathPackets}; gaps {stats.Gaps}, recovered {stats.MessagesRecovered}, lost {stats.MessagesLost}, duplicates {stats.DuplicateMessages}; xsk {feed.KernelStatistics}");

        Assert.True(dropped > 0 && swapped > 0);
        Assert.Equal((ulong)publisher.MessageCount + 1, feed.Receiver.NextExpectedSequence);
        Assert.Equal(0, stats.MessagesLost);
        Assert.True(stats.Gaps >= dropped + swapped);
        Assert.True(stats.MessagesRecovered > 0);
        Assert.True(feed.Frames >= publisher.PacketCount - dropped, "the packets came through the AF_XDP ring");
        Assert.Equal(expected.Messages, actual.Messages);
        AssertSameBooks(expected.Books, actual.Books);

        // The queue is free again as soon as the feed is disposed (the kernel releases the socket in deferred work).
        feed.Dispose();
        var sink = new RecordingSink();
        using var again = pair.InReceiver(() => new AfXdpFeed(new AfXdpFeedOptions { Interface = VethNamespacePair.ReceiverInterface, Mode = mode, Udp = new UdpFeedOptions { Port = 0 } }, sink));
        sender.SendTo(publisher.Packet(0), new IPEndPoint(VethNamespacePair.ReceiverAddress, again.Port));
        var until = Stopwatch.GetTimestamp() + (5 * Stopwatch.Frequency);
        while (sink.Messages.Count == 0 && Stopwatch.GetTimestamp() < until)
        {
            again.PollOnce(1_000);
        }

        Assert.Equal(publisher.PacketMessages(0), sink.Messages.Count);
        Assert.Equal(1, again.Frames);
    }

    private static void AnswerRequests(Socket socket, MoldUdp64Publisher publisher, byte[] request, byte[] reply)
    {
        while (socket.Available > 0)
        {
            EndPoint from = new IPEndPoint(IPAddress.Any, 0);
            var n = socket.ReceiveFrom(request, ref from);
            var length = publisher.Answer(request.AsSpan(0, n), reply);
            if (length > 0)
            {
                socket.SendTo(reply.AsSpan(0, length), from);
            }
        }
    }

    internal static void AssertSameBooks(BookBuilder expected, BookBuilder actual)
    {
        Assert.Equal(0, expected.Inconsistencies);
        Assert.Equal(expected.Inconsistencies, actual.Inconsistencies);
        Assert.Equal(expected.BookCount, actual.BookCount);
        Assert.Equal(expected.OrderCount, actual.OrderCount);
        Assert.Equal(expected.SnapshotOrders().OrderBy(o => o.Reference), actual.SnapshotOrders().OrderBy(o => o.Reference));
        foreach (var book in expected.Books)
        {
            var other = actual[book.StockLocate];
            Assert.NotNull(other);
            Assert.Equal(book.Symbol, other.Symbol);
            Assert.Equal(book.OrderCount, other.OrderCount);
            Assert.Equal(book.LastTradePrice, other.LastTradePrice);
            Assert.Equal(Levels(book.Bids), Levels(other.Bids));
            Assert.Equal(Levels(book.Asks), Levels(other.Asks));
        }
    }

    private static PriceLevel[] Levels(BookSide side)
    {
        var levels = new PriceLevel[side.LevelCount];
        side.CopyTo(levels);
        return levels;
    }
}
