using System.Globalization;
using System.Text;
using Swarm.EdgeHft.Feed;
using Swarm.EdgeHft.Latency;
using Swarm.EdgeHft.Orders;
using Swarm.EdgeHft.Risk;
using Swarm.EdgeHft.Trading;

namespace Swarm.EdgeHft.Hosting;

/// <summary>
/// Renders the service's state in the Prometheus text exposition format (version 0.0.4): latency summaries per stage
/// (p50, p90, p99, p99.9, max), feed, book, risk and gateway counters.
/// </summary>
/// <remarks>Runs on the metrics thread and allocates; it only reads what the trading thread writes.</remarks>
public sealed class EdgeMetrics
{
    private static readonly double[] Quantiles = [0.5, 0.9, 0.99, 0.999];
    private readonly TradingPipeline _pipeline;
    private readonly LatencyHistogram _scratch = new();
    private long _hotPathAllocatedBytes = -1;

    /// <summary>Creates the renderer for <paramref name="pipeline"/>.</summary>
    public EdgeMetrics(TradingPipeline pipeline) => _pipeline = pipeline ?? throw new ArgumentNullException(nameof(pipeline));

    /// <summary>The MoldUDP64 receiver, when the feed is live.</summary>
    public MoldUdp64Receiver? Feed { get; set; }

    /// <summary>The gateway session, when connected.</summary>
    public OrderGatewayClient? Gateway { get; set; }

    /// <summary>The kernel bypass in effect: a preloaded library, or the AF_XDP mode (null = kernel stack).</summary>
    public string? KernelBypassLibrary { get; set; }

    /// <summary>Bytes the trading thread allocated since warm-up (-1 until measured).</summary>
    public long HotPathAllocatedBytes
    {
        get => Interlocked.Read(ref _hotPathAllocatedBytes);
        set => Interlocked.Exchange(ref _hotPathAllocatedBytes, value);
    }

    /// <summary>The whole exposition text.</summary>
    public string Render()
    {
        var s = new StringBuilder(8 * 1024);
        s.Append("# HELP edge_latency_ns Latency per stage of the trading path, nanoseconds.\n# TYPE edge_latency_ns summary\n");
        foreach (var stage in LatencyRecorder.Stages)
        {
            _pipeline.Latency[stage].CopyTo(_scratch);
            var label = StageLabel(stage);
            foreach (var q in Quantiles)
            {
                Line(s, "edge_latency_ns", $"stage=\"{label}\",quantile=\"{q.ToString(CultureInfo.InvariantCulture)}\"", _scratch.Percentile(q * 100));
            }

            Line(s, "edge_latency_ns_sum", $"stage=\"{label}\"", _scratch.Sum);
            Line(s, "edge_latency_ns_count", $"stage=\"{label}\"", _scratch.Count);
        }

        s.Append("# HELP edge_latency_max_ns Largest latency per stage, nanoseconds.\n# TYPE edge_latency_max_ns gauge\n");
        foreach (var stage in LatencyRecorder.Stages)
        {
            Line(s, "edge_latency_max_ns", $"stage=\"{StageLabel(stage)}\"", _pipeline.Latency[stage].Max);
        }

        var parse = _pipeline.Parser.Statistics;
        Counter(s, "edge_itch_messages_total", "ITCH messages by parse outcome.");
        Line(s, "edge_itch_messages_total", "result=\"parsed\"", parse.Parsed);
        Line(s, "edge_itch_messages_total", "result=\"unsupported\"", parse.Unsupported);
        Line(s, "edge_itch_messages_total", "result=\"empty\"", parse.Empty);
        Line(s, "edge_itch_messages_total", "result=\"truncated\"", parse.Truncated);
        Line(s, "edge_itch_messages_total", "result=\"malformed\"", parse.Malformed);

        Gauge(s, "edge_books", "Order books.", _pipeline.Books.BookCount);
        Gauge(s, "edge_book_orders", "Resting orders across all books.", _pipeline.Books.OrderCount);
        Counter(s, "edge_book_inconsistencies_total", "Feed messages that did not fit the book state.");
        Line(s, "edge_book_inconsistencies_total", null, _pipeline.Books.Inconsistencies);

        var stats = _pipeline.Statistics;
        Counter(s, "edge_orders_total", "Own orders by outcome.");
        Line(s, "edge_orders_total", "outcome=\"intent\"", stats.Intents);
        Line(s, "edge_orders_total", "outcome=\"sent\"", stats.OrdersSent);
        Line(s, "edge_orders_total", "outcome=\"exchange_accepted\"", stats.ExchangeAccepted);
        Line(s, "edge_orders_total", "outcome=\"exchange_rejected\"", stats.ExchangeRejected);
        Line(s, "edge_orders_total", "outcome=\"canceled\"", stats.Cancels);
        Counter(s, "edge_executions_total", "Executions of own orders.");
        Line(s, "edge_executions_total", null, stats.Executions);
        Counter(s, "edge_risk_rejects_total", "Orders refused by pre-trade risk, by reason.");
        foreach (var reason in Enum.GetValues<RiskRejectReason>().Where(r => r != RiskRejectReason.None))
        {
            Line(s, "edge_risk_rejects_total", $"reason=\"{reason}\"", stats.RiskRejects(reason));
        }

        Gauge(s, "edge_kill_switch", "1 while the kill switch is engaged.", _pipeline.Risk.KillSwitchEngaged ? 1 : 0);
        s.Append("# HELP edge_info Static facts about this instance.\n# TYPE edge_info gauge\n");
        Line(s, "edge_info", $"risk_engine=\"{_pipeline.Risk.Name}\",kernel_bypass=\"{KernelBypassLibrary ?? "none"}\"", 1);
        Gauge(s, "edge_hot_path_allocated_bytes", "Bytes allocated by the trading thread since warm-up (-1 = not measured yet).", HotPathAllocatedBytes);

        if (Feed is { } feed)
        {
            var f = feed.Statistics;
            Counter(s, "edge_feed_packets_total", "MoldUDP64 packets received.");
            Line(s, "edge_feed_packets_total", null, f.Packets);
            Counter(s, "edge_feed_gaps_total", "Sequence gaps detected.");
            Line(s, "edge_feed_gaps_total", null, f.Gaps);
            Counter(s, "edge_feed_messages_total", "Feed messages by fate.");
            Line(s, "edge_feed_messages_total", "fate=\"delivered\"", f.MessagesDelivered);
            Line(s, "edge_feed_messages_total", "fate=\"duplicate\"", f.DuplicateMessages);
            Line(s, "edge_feed_messages_total", "fate=\"recovered\"", f.MessagesRecovered);
            Line(s, "edge_feed_messages_total", "fate=\"lost\"", f.MessagesLost);
            Counter(s, "edge_feed_malformed_packets_total", "Malformed MoldUDP64 packets.");
            Line(s, "edge_feed_malformed_packets_total", null, f.MalformedPackets);
            Gauge(s, "edge_feed_recovering", "1 while a gap is being recovered.", feed.IsRecovering ? 1 : 0);
        }

        if (Gateway is { } gateway)
        {
            Gauge(s, "edge_gateway_logged_in", "1 while the OUCH session is logged in.", gateway.IsLoggedIn ? 1 : 0);
            Counter(s, "edge_gateway_messages_sent_total", "OUCH messages sent.");
            Line(s, "edge_gateway_messages_sent_total", null, gateway.MessagesSent);
        }

        return s.ToString();
    }

    /// <summary>The latency summary table printed at shutdown.</summary>
    public string RenderLatencyTable()
    {
        var s = new StringBuilder();
        s.AppendLine(CultureInfo.InvariantCulture, $"{"stage",-14}{"count",12}{"p50 ns",10}{"p90 ns",10}{"p99 ns",10}{"p99.9 ns",10}{"max ns",12}");
        foreach (var stage in LatencyRecorder.Stages)
        {
            var h = _pipeline.Latency[stage];
            s.AppendLine(CultureInfo.InvariantCulture, $"{StageLabel(stage),-14}{h.Count,12}{h.Percentile(50),10}{h.Percentile(90),10}{h.Percentile(99),10}{h.Percentile(99.9),10}{h.Max,12}");
        }

        return s.ToString();
    }

    /// <summary>The metric label of a stage.</summary>
    public static string StageLabel(LatencyStage stage) => stage switch
    {
        LatencyStage.Feed => "feed",
        LatencyStage.Strategy => "strategy",
        LatencyStage.Risk => "risk",
        LatencyStage.Encode => "encode",
        LatencyStage.Send => "send",
        _ => "tick_to_trade",
    };

    private static void Counter(StringBuilder s, string name, string help) =>
        s.Append("# HELP ").Append(name).Append(' ').Append(help).Append("\n# TYPE ").Append(name).Append(" counter\n");

    private static void Gauge(StringBuilder s, string name, string help, long value)
    {
        s.Append("# HELP ").Append(name).Append(' ').Append(help).Append("\n# TYPE ").Append(name).Append(" gauge\n");
        Line(s, name, null, value);
    }

    private static void Line(StringBuilder s, string name, string? labels, long value)
    {
        s.Append(name);
        if (labels is not null)
        {
            s.Append('{').Append(labels).Append('}');
        }

        s.Append(' ').Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
    }
}
