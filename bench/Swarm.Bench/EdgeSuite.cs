using System.Diagnostics;
using Swarm.EdgeHft.Book;
using Swarm.EdgeHft.Hosting;
using Swarm.EdgeHft.Itch;
using Swarm.EdgeHft.Latency;
using Swarm.EdgeHft.Orders;
using Swarm.EdgeHft.Risk;
using Swarm.EdgeHft.Risk.Fpga;
using Swarm.EdgeHft.Simulation;
using Swarm.EdgeHft.Strategy;
using Swarm.EdgeHft.Trading;

namespace Swarm.Bench;

/// <summary>
/// The edge-hft hot path: ITCH parse and parse + book build throughput on one core, tick-to-trade latency
/// percentiles in-process (software and simulated-FPGA risk) and over loopback TCP, per-component costs, and bytes
/// allocated per message after warm-up.
/// </summary>
public sealed class EdgeSuite : IBenchmarkSuite
{
    private static readonly RiskLimits BenchLimits = new()
    {
        MaxOrderShares = 1_000_000,
        MaxOrderNotional = ulong.MaxValue / 4,
        PriceCollarBasisPoints = 500,
        DuplicateWindowNanos = 1_000,
        DuplicateMemory = 64,
        MaxOrdersPerWindow = 1_000,
        RateWindowNanos = 1_000_000,
        FirmCreditLimit = ulong.MaxValue / 4,
        AccountCreditLimits = [ulong.MaxValue / 4],
    };

    private static readonly ImbalanceStrategyOptions Eager = new() { Threshold = 0.5, Shares = 100, CooldownNanos = 20_000, MinimumTopSize = 0 };

    /// <inheritdoc />
    public string Name => "edge";

    /// <inheritdoc />
    public string Description => "edge-hft: ITCH parse/book msgs/s, tick-to-trade percentiles, alloc/msg";

    /// <inheritdoc />
    public IEnumerable<BenchmarkResult> Run(BenchmarkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var messages = options.Quick ? 300_000 : 4_000_000;
        var repetitions = options.Quick ? 3 : 7;
        var feed = EdgeFeed.Create(messages, symbols: 8, seed: 11);
        yield return new BenchmarkResult("feed", "messages", feed.Count, "msgs");

        foreach (var r in ParseOnly(feed, repetitions))
        {
            yield return r;
        }

        // The synthetic day keeps about 3,200 orders live: an index sized for it stays in cache. A 1M-order index (a
        // full NASDAQ day) spreads the same orders over 32 MB and shows the cache-miss cost.
        foreach (var r in ParseAndBook("itch/parse+book", feed, repetitions, indexSize: 8_192))
        {
            yield return r;
        }

        foreach (var r in ParseAndBook("itch/parse+book_1m_order_index", feed, repetitions, indexSize: 1 << 20))
        {
            yield return r;
        }

        foreach (var r in Pipeline("tick_to_trade/in_process_software", feed, new SoftwareRiskEngine(BenchLimits), new RecordingOrderSink()))
        {
            yield return r;
        }

        // The same run without priming the order path between orders, to show what keeping it cache-hot buys.
        foreach (var r in Pipeline("tick_to_trade/in_process_software_unprimed", feed, new SoftwareRiskEngine(BenchLimits), new RecordingOrderSink(), primeEvery: 0))
        {
            yield return r;
        }

        foreach (var r in Pipeline("tick_to_trade/in_process_fpga_sim", feed, new FpgaRiskEngine(new InProcessRiskDeviceTransport(new SimulatedRiskDevice()), BenchLimits), new RecordingOrderSink()))
        {
            yield return r;
        }

        // The receive path over a veth pair in its own network namespaces: kernel socket and AF_XDP side by side.
        foreach (var r in EdgeVethFeed.Run(options.Quick))
        {
            yield return r;
        }

        foreach (var r in LoopbackGateway(options.Quick ? 100_000 : 1_000_000))
        {
            yield return r;
        }

        foreach (var r in Components(options.Quick ? 200_000 : 2_000_000))
        {
            yield return r;
        }
    }

    private static IEnumerable<BenchmarkResult> ParseOnly(EdgeFeed feed, int repetitions)
    {
        var parser = new ItchParser();
        var handler = new EdgeNullItchHandler();
        var rates = new List<double>();
        for (var rep = -1; rep < repetitions; rep++)
        {
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < feed.Count; i++)
            {
                parser.Parse(feed[i], handler);
            }

            var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            if (rep >= 0)
            {
                rates.Add(feed.Count / seconds);
            }
        }

        GC.KeepAlive(handler.Checksum);
        yield return new BenchmarkResult("itch/parse", "load_1m", EdgeVethFeed.Load(), "load");
        yield return new BenchmarkResult("itch/parse", "median_throughput", Measure.Median(rates), "msgs/s");
        yield return new BenchmarkResult("itch/parse", "median_ns_per_msg", 1e9 / Measure.Median(rates), "ns");
    }

    private static IEnumerable<BenchmarkResult> ParseAndBook(string name, EdgeFeed feed, int repetitions, int indexSize)
    {
        var rates = new List<double>();
        var cpuRates = new List<double>();
        long allocated = 0;
        for (var rep = -1; rep < repetitions; rep++)
        {
            // A fresh book per repetition (built untimed) so every pass replays the same day from an empty book.
            var parser = new ItchParser();
            var books = new BookBuilder(expectedOrders: indexSize);
            var before = GC.GetAllocatedBytesForCurrentThread();
            var cpu = EdgeVethFeed.ThreadCpuNanoseconds();
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < feed.Count; i++)
            {
                parser.Parse(feed[i], books);
            }

            var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            var cpuSeconds = (EdgeVethFeed.ThreadCpuNanoseconds() - cpu) / 1e9;
            if (rep >= 0)
            {
                rates.Add(feed.Count / seconds);
                cpuRates.Add(feed.Count / cpuSeconds);
                allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            }

            if (books.Inconsistencies != 0)
            {
                throw new InvalidOperationException($"book inconsistencies: {books.Inconsistencies}");
            }
        }

        yield return new BenchmarkResult(name, "load_1m", EdgeVethFeed.Load(), "load");
        yield return new BenchmarkResult(name, "median_throughput", Measure.Median(rates), "msgs/s");
        yield return new BenchmarkResult(name, "best_throughput", rates.Max(), "msgs/s");
        yield return new BenchmarkResult(name, "median_ns_per_msg", 1e9 / Measure.Median(rates), "ns");

        // Messages per second of the thread's own CPU time: what one core does when it is not taken away by other
        // work on a shared machine (cache and TLB pollution from that work still counts).
        yield return new BenchmarkResult(name, "median_throughput_per_cpu_second", Measure.Median(cpuRates), "msgs/s");

        // Includes creating the 8 books on the directory messages of each pass (a pre-open, one-off cost).
        yield return new BenchmarkResult(name, "bytes_allocated_per_msg_incl_book_creation", (double)allocated / repetitions / feed.Count, "bytes");
    }

    private static IEnumerable<BenchmarkResult> Pipeline(string name, EdgeFeed feed, IRiskCheckEngine risk, IOrderSink sink, int primeEvery = 32)
    {
        using (risk)
        {
            // The trading thread is pinned, as in the service (host.cpuAffinity): CPU 1, away from where the runtime
            // started; the previous affinity comes back afterwards.
            var previousCpus = CpuAffinity.CurrentThreadCpus();
            CpuAffinity.TryPinCurrentThread([Math.Min(1, Environment.ProcessorCount - 1)], out _);
            var options = new TradingPipelineOptions { ExpectedBookOrders = 1 << 16, PrimeEvery = primeEvery };
            var pipeline = new TradingPipeline(options, new ImbalanceStrategy(Eager), risk, sink);

            // First third warms up (JIT tiering, book creation, table sizing); the rest is measured.
            var warmUp = feed.Count / 3;
            for (var i = 0; i < warmUp; i++)
            {
                pipeline.Process(feed[i], Stopwatch.GetTimestamp());
            }

            Thread.Sleep(300);
            pipeline.Latency.Reset();
            var sentBefore = pipeline.Statistics.OrdersSent;
            var before = GC.GetAllocatedBytesForCurrentThread();
            var start = Stopwatch.GetTimestamp();
            for (var i = warmUp; i < feed.Count; i++)
            {
                pipeline.Process(feed[i], Stopwatch.GetTimestamp());
            }

            var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            CpuAffinity.TryPinCurrentThread(previousCpus, out _);
            var measured = feed.Count - warmUp;
            yield return new BenchmarkResult(name, "load_1m", EdgeVethFeed.Load(), "load");
            yield return new BenchmarkResult(name, "orders_sent", pipeline.Statistics.OrdersSent - sentBefore, "orders");
            yield return new BenchmarkResult(name, "pipeline_throughput", measured / seconds, "msgs/s");
            yield return new BenchmarkResult(name, "bytes_allocated_per_msg", (double)allocated / measured, "bytes");
            foreach (var r in Percentiles(name, pipeline.Latency[LatencyStage.TickToTrade]))
            {
                yield return r;
            }

            foreach (var stage in new[] { LatencyStage.Feed, LatencyStage.Strategy, LatencyStage.Risk, LatencyStage.Encode, LatencyStage.Send })
            {
                var h = pipeline.Latency[stage];
                yield return new BenchmarkResult($"{name}/stage_{stage.ToString().ToLowerInvariant()}", "p50", h.Percentile(50), "ns");
                yield return new BenchmarkResult($"{name}/stage_{stage.ToString().ToLowerInvariant()}", "p99", h.Percentile(99), "ns");
            }
        }
    }

    private static IEnumerable<BenchmarkResult> LoopbackGateway(int messages)
    {
        // Same path, but orders go through SoupBinTCP to the exchange simulator over the kernel's loopback TCP.
        var feed = EdgeFeed.Create(messages, symbols: 8, seed: 12);
        using var exchange = new ExchangeSimulator();
        using var gateway = new OrderGatewayClient(new OrderGatewayOptions { Host = "127.0.0.1", Port = exchange.EndPoint.Port });
        gateway.Connect();
        var results = Pipeline("tick_to_trade/loopback_tcp_gateway", feed, new SoftwareRiskEngine(BenchLimits), gateway).ToList();
        return results;
    }

    private static IEnumerable<BenchmarkResult> Components(int iterations)
    {
        var order = new OrderRequest(0, 1, StockSymbol.Parse("AAPL"), Side.Buy, 1_500_000, 100, 1_500_000, 0);
        using (var software = new SoftwareRiskEngine(BenchLimits with { DuplicateWindowNanos = 0, MaxOrdersPerWindow = 0 }))
        {
            yield return PerOp("risk/software_check", iterations, i => software.Check(order with { Timestamp = i, Shares = 100 + (uint)(i & 63) }));
        }

        using (var fpga = new FpgaRiskEngine(new InProcessRiskDeviceTransport(new SimulatedRiskDevice()), BenchLimits with { DuplicateWindowNanos = 0, MaxOrdersPerWindow = 0 }))
        {
            yield return PerOp("risk/fpga_protocol_inprocess_check", iterations, i => fpga.Check(order with { Timestamp = i }));
        }

        var path = Path.Combine(Path.GetTempPath(), $"edge-bench-mailbox-{Environment.ProcessId}");
        try
        {
            using var card = new SimulatedRiskDeviceMailbox(new SimulatedRiskDevice(), path);
            using var mailbox = new FpgaRiskEngine(new MemoryMappedRiskDeviceTransport(path, TimeSpan.FromSeconds(1)), BenchLimits with { DuplicateWindowNanos = 0, MaxOrdersPerWindow = 0 });
            var h = new LatencyHistogram();
            for (var i = 0; i < iterations / 10; i++)
            {
                var t = Stopwatch.GetTimestamp();
                mailbox.Check(order with { Timestamp = i });
                h.Record(LatencyRecorder.ToNanoseconds(Stopwatch.GetTimestamp() - t));
            }

            foreach (var r in Percentiles("risk/fpga_mmap_mailbox_roundtrip", h))
            {
                yield return r;
            }
        }
        finally
        {
            File.Delete(path);
        }

        var buffer = new byte[64];
        var enter = new OuchEnterOrder(1, Side.Buy, 100, StockSymbol.Parse("AAPL"), 1_500_000, 0, 0);
        yield return PerOp("ouch/encode_enter_order", iterations, i => OuchWriter.WriteEnterOrder(buffer, enter with { Token = (ulong)i }));
        var histogram = new LatencyHistogram();
        yield return PerOp("latency/histogram_record", iterations, i => histogram.Record(i & 0xFFFF));
    }

    private static BenchmarkResult PerOp(string name, int iterations, Action<int> op)
    {
        for (var i = 0; i < iterations / 4; i++)
        {
            op(i);
        }

        var times = new List<double>();
        for (var rep = 0; rep < 5; rep++)
        {
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < iterations; i++)
            {
                op(i);
            }

            times.Add(Stopwatch.GetElapsedTime(start).TotalNanoseconds / iterations);
        }

        return new BenchmarkResult(name, "median_ns_per_op", Measure.Median(times), "ns");
    }

    private static IEnumerable<BenchmarkResult> Percentiles(string name, LatencyHistogram h)
    {
        yield return new BenchmarkResult(name, "count", h.Count, "samples");
        yield return new BenchmarkResult(name, "p50", h.Percentile(50), "ns");
        yield return new BenchmarkResult(name, "p90", h.Percentile(90), "ns");
        yield return new BenchmarkResult(name, "p99", h.Percentile(99), "ns");
        yield return new BenchmarkResult(name, "p99.9", h.Percentile(99.9), "ns");
        yield return new BenchmarkResult(name, "max", h.Max, "ns");
    }
}
