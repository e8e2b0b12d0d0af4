using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Swarm.EdgeHft.Book;
using Swarm.EdgeHft.Feed;
using Swarm.EdgeHft.Hosting;
using Swarm.EdgeHft.Latency;
using Swarm.EdgeHft.Simulation;
using Swarm.EdgeHft.Xdp;

namespace Swarm.Bench;

/// <summary>
/// The same MoldUDP64 feed over a veth pair between two network namespaces, received through the kernel socket
/// (recvmmsg, SO_BUSY_POLL, spinning) and through AF_XDP (spinning on the RX ring), into the books.
/// </summary>
/// <remarks>
/// The sender and the receiver run on different cores. Throughput: the sender keeps at most <c>window</c> packets
/// ahead of what the receiver has applied, so nothing overflows and the rate is the lossless one. Latency: one packet
/// in flight at a time; send→book runs from just before <c>send(2)</c> to the book updated, receive→book from the
/// start of the poll that found the packet to the book updated. CPU per packet: the sender thread's CPU time (on veth
/// the kernel runs the receive side — XDP or the UDP stack — in the sender's context) and the receiver's busy time
/// (polls that found something; a poll preempted by other work counts in full, so it is approximate on a loaded
/// machine).
/// </remarks>
internal static class EdgeVethFeed
{
    private const int ThroughputWindow = 256;
    private static readonly MoldSession Session = MoldSession.Parse("BENCH00001");

    public static IEnumerable<BenchmarkResult> Run(bool quick)
    {
        var pair = VethNamespacePair.TryCreate($"swb{Environment.ProcessId}", out var reason);
        if (pair is null)
        {
            Console.Error.WriteLine($"feed/veth: cannot run here: {reason}");
            yield return new BenchmarkResult("feed/veth", "available", 0, "bool");
            yield break;
        }

        using (pair)
        {
            var file = SyntheticFeed.Generate(new SyntheticFeedOptions { Messages = quick ? 400_000 : 2_000_000, Symbols = 8, Seed = 11 });
            // Eight messages a packet: closer to a live NASDAQ feed (a few per packet, tens in bursts) than full 1,400-byte packets.
            var publisher = new MoldUdp64Publisher(file, Session, maxMessagesPerPacket: 8);
            yield return new BenchmarkResult("feed/veth", "packets", publisher.PacketCount, "packets");
            yield return new BenchmarkResult("feed/veth", "messages_per_packet", (double)publisher.MessageCount / publisher.PacketCount, "msgs");
            var socket = Measure(pair, publisher, xdp: false, quick).ToList();
            var xdp = Measure(pair, publisher, xdp: true, quick).ToList();
            foreach (var r in socket.Concat(xdp))
            {
                yield return r;
            }

            double Value(List<BenchmarkResult> list, string name, string metric) => list.First(r => r.Name.EndsWith(name, StringComparison.Ordinal) && r.Metric == metric).Value;
            yield return new BenchmarkResult("feed/veth_ratio_xdp_over_socket", "packets_per_s", Value(xdp, "/throughput", "packets_per_s") / Value(socket, "/throughput", "packets_per_s"), "x");
            yield return new BenchmarkResult("feed/veth_ratio_socket_over_xdp", "cpu_ns_per_packet", Value(socket, "/throughput", "cpu_ns_per_packet") / Value(xdp, "/throughput", "cpu_ns_per_packet"), "x");
            yield return new BenchmarkResult("feed/veth_ratio_socket_over_xdp", "send_to_book_p99", Value(socket, "/latency", "send_to_book_p99") / Value(xdp, "/latency", "send_to_book_p99"), "x");
            yield return new BenchmarkResult("feed/veth_ratio_socket_over_xdp", "receive_to_book_p99", Value(socket, "/latency", "receive_to_book_p99") / Value(xdp, "/latency", "receive_to_book_p99"), "x");
        }
    }

    private static IEnumerable<BenchmarkResult> Measure(VethNamespacePair pair, MoldUdp64Publisher publisher, bool xdp, bool quick)
    {
        var name = xdp ? "feed/veth_af_xdp" : "feed/veth_socket";
        var throughput = Transfer(pair, publisher, xdp, ThroughputWindow, publisher.PacketCount);
        yield return new BenchmarkResult(name, "path", xdp ? 1 : 0, throughput.Description);
        yield return new BenchmarkResult($"{name}/throughput", "load_1m", throughput.Load, "load");
        yield return new BenchmarkResult($"{name}/throughput", "packets_per_s", throughput.Packets / throughput.Seconds, "packets/s");
        yield return new BenchmarkResult($"{name}/throughput", "messages_per_s", throughput.Messages / throughput.Seconds, "msgs/s");
        yield return new BenchmarkResult($"{name}/throughput", "packets_lost", throughput.Lost, "packets");
        yield return new BenchmarkResult($"{name}/throughput", "sender_cpu_ns_per_packet", throughput.SenderCpuNanos / throughput.Packets, "ns");
        yield return new BenchmarkResult($"{name}/throughput", "receiver_busy_ns_per_packet", throughput.ReceiverBusyNanos / throughput.Packets, "ns");
        yield return new BenchmarkResult($"{name}/throughput", "cpu_ns_per_packet", (throughput.SenderCpuNanos + throughput.ReceiverBusyNanos) / throughput.Packets, "ns");
        yield return new BenchmarkResult($"{name}/throughput", "send_to_book_p50", throughput.SendToBook.Percentile(50), "ns");
        yield return new BenchmarkResult($"{name}/throughput", "send_to_book_p99", throughput.SendToBook.Percentile(99), "ns");
        yield return new BenchmarkResult($"{name}/throughput", "bytes_allocated_per_packet_receiver_after_book_creation", throughput.ReceiverAllocated / throughput.Packets, "bytes");

        var latency = Transfer(pair, publisher, xdp, window: 1, quick ? 5_000 : 20_000);
        yield return new BenchmarkResult($"{name}/latency", "load_1m", latency.Load, "load");
        yield return new BenchmarkResult($"{name}/latency", "packets", latency.Packets, "packets");
        yield return new BenchmarkResult($"{name}/latency", "packets_lost", latency.Lost, "packets");
        foreach (var (label, h) in new[] { ("send_to_book", latency.SendToBook), ("receive_to_book", latency.ReceiveToBook) })
        {
            yield return new BenchmarkResult($"{name}/latency", $"{label}_p50", h.Percentile(50), "ns");
            yield return new BenchmarkResult($"{name}/latency", $"{label}_p99", h.Percentile(99), "ns");
            yield return new BenchmarkResult($"{name}/latency", $"{label}_p99.9", h.Percentile(99.9), "ns");
        }
    }

    private static EdgeVethTransfer Transfer(VethNamespacePair pair, MoldUdp64Publisher publisher, bool xdp, int window, int packets)
    {
        var sink = new ItchBookSink(new BookBuilder(expectedOrders: 1 << 16));
        using var feed = pair.InReceiver<IPacketFeed>(() => xdp
            ? new AfXdpFeed(new AfXdpFeedOptions { Interface = VethNamespacePair.ReceiverInterface, Udp = new UdpFeedOptions { Port = 0, Spin = true } }, sink)
            : new UdpFeed(new UdpFeedOptions { BindAddress = VethNamespacePair.ReceiverAddress.ToString(), Port = 0, Spin = true, BusyPollMicroseconds = 50, ReceiveBufferBytes = 32 << 20 }, sink));
        var port = feed is AfXdpFeed x ? x.Port : ((UdpFeed)feed).LocalEndPoint.Port;
        using var sender = pair.InSender(() => new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp));
        sender.Connect(new IPEndPoint(VethNamespacePair.ReceiverAddress, port));

        // Which packet holds each message, so the receiver can find the send stamp of the packet it just applied.
        var packetOf = new int[publisher.MessageCount + 1];
        for (var i = 0; i < publisher.PacketCount; i++)
        {
            for (var m = 0; m < publisher.PacketMessages(i); m++)
            {
                packetOf[(int)publisher.PacketSequence(i) + m] = i;
            }
        }

        var sent = new long[packets];
        var sendToBook = new LatencyHistogram();
        var receiveToBook = new LatencyHistogram();
        long applied = 0;
        var stop = false;
        long busy = 0;
        long allocated = 0;
        long lastApplied = 0;
        var receiver = new Thread(() =>
        {
            CpuAffinity.TryPinCurrentThread([1], out _);
            feed.PollOnce(0);
            var before = -1L;
            while (!Volatile.Read(ref stop))
            {
                // The allocation baseline is taken once the books exist (the first packets carry the Stock Directory).
                if (before < 0 && Volatile.Read(ref applied) >= 64)
                {
                    before = GC.GetAllocatedBytesForCurrentThread();
                }

                var start = Stopwatch.GetTimestamp();
                if (!feed.PollOnce(0))
                {
                    continue;
                }

                var end = Stopwatch.GetTimestamp();
                busy += end - start;
                var packet = packetOf[(int)sink.LastSequence];
                sendToBook.Record(LatencyRecorder.ToNanoseconds(end - Volatile.Read(ref sent[packet])));
                receiveToBook.Record(LatencyRecorder.ToNanoseconds(end - start));
                Volatile.Write(ref applied, feed.Receiver.Statistics.Packets);
                lastApplied = end;
            }

            allocated = before < 0 ? 0 : GC.GetAllocatedBytesForCurrentThread() - before;
        })
        { IsBackground = true, Name = "veth receiver" };
        receiver.Start();

        var previousCpus = CpuAffinity.CurrentThreadCpus();
        CpuAffinity.TryPinCurrentThread([0], out _);
        var load = Load();
        var deadline = Stopwatch.GetTimestamp() + (60 * Stopwatch.Frequency);
        // The sender's CPU per packet is sampled around every 16th send (the thread CPU clock is a system call, and
        // the time spent spinning for the window must not count), less the cost of reading the clock itself.
        var clockCost = double.MaxValue;
        for (var k = 0; k < 100; k++)
        {
            var c = ThreadCpuNanoseconds();
            clockCost = Math.Min(clockCost, ThreadCpuNanoseconds() - c);
        }

        double sampledCpu = 0;
        var samples = 0;
        long given = 0;
        var first = Stopwatch.GetTimestamp();
        for (var i = 0; i < packets && Stopwatch.GetTimestamp() < deadline; i++)
        {
            // A packet not applied within a second is given up (it counts as lost) rather than stalling the run.
            var waitStart = Stopwatch.GetTimestamp();
            while (i - given - Volatile.Read(ref applied) >= window && Stopwatch.GetTimestamp() < deadline)
            {
                if (Stopwatch.GetTimestamp() - waitStart > Stopwatch.Frequency)
                {
                    given++;
                    break;
                }

                Thread.SpinWait(4);
            }

            Volatile.Write(ref sent[i], Stopwatch.GetTimestamp());
            if ((i & 15) == 0)
            {
                var c = ThreadCpuNanoseconds();
                sender.Send(publisher.Packet(i));
                sampledCpu += Math.Max(0, ThreadCpuNanoseconds() - c - clockCost);
                samples++;
            }
            else
            {
                sender.Send(publisher.Packet(i));
            }
        }

        var senderCpu = samples == 0 ? 0 : sampledCpu / samples * packets;
        var settle = Stopwatch.GetTimestamp() + Stopwatch.Frequency;
        while (Volatile.Read(ref applied) < packets && Stopwatch.GetTimestamp() < settle)
        {
            Thread.SpinWait(16);
        }

        Volatile.Write(ref stop, true);
        receiver.Join();
        CpuAffinity.TryPinCurrentThread(previousCpus, out _);
        var received = Volatile.Read(ref applied);
        var messages = sink.Messages;
        if (received < packets)
        {
            var f = feed.Receiver.Statistics;
            var detail = feed is AfXdpFeed a ? $"; AF_XDP frames {a.Frames}, via the kernel socket {a.KernelPathPackets}, {a.KernelStatistics}" : "";
            Console.Error.WriteLine($"{feed.Description}: {packets - received} of {packets} packets not applied (window {window}); receiver packets {f.Packets}, gaps {f.Gaps}, malformed {f.MalformedPackets}{detail}");
        }

        return new EdgeVethTransfer(
            feed.Description,
            load,
            received,
            messages,
            packets - received,
            LatencyRecorder.ToNanoseconds(lastApplied - first) / 1e9,
            senderCpu,
            LatencyRecorder.ToNanoseconds(busy),
            allocated,
            sendToBook,
            receiveToBook);
    }

    /// <summary>The 1-minute load average, reported beside each figure.</summary>
    public static double Load() =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);

    /// <summary>CPU time the calling thread has used (time it was preempted does not count).</summary>
    public static double ThreadCpuNanoseconds()
    {
        const int clockThreadCpuTime = 3;
        ClockGetTime(clockThreadCpuTime, out var time);
        return (time.Seconds * 1e9) + time.Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out EdgeTimespec time);
}
