using System.Diagnostics;
using Swarm.EdgeHft.Book;
using Swarm.EdgeHft.Feed;
using Swarm.EdgeHft.Itch;
using Swarm.EdgeHft.Orders;
using Swarm.EdgeHft.Risk;
using Swarm.EdgeHft.Simulation;
using Swarm.EdgeHft.Strategy;
using Swarm.EdgeHft.Trading;

namespace Swarm.EdgeHft.Tests;

public sealed class TradingPipelineTests
{
    private static readonly ImbalanceStrategyOptions Eager = new() { Threshold = 0.6, Shares = 100, CooldownNanos = 0, MinimumTopSize = 0 };

    [Fact]
    public void Replay_ThroughSimulatedExchange_FinalBookAndOrdersAsExpected()
    {
        using var exchange = new ExchangeSimulator();
        using var gateway = new OrderGatewayClient(new OrderGatewayOptions { Host = "127.0.0.1", Port = exchange.EndPoint.Port });
        gateway.Connect();
        using var risk = new SoftwareRiskEngine(SoftwareRiskEngineTests.Loose with { PriceCollarBasisPoints = 500, DuplicateWindowNanos = 1_000_000_000 });
        var pipeline = new TradingPipeline(new TradingPipelineOptions { Firm = "SWRM", ExpectedBookOrders = 64 }, new ImbalanceStrategy(Eager), risk, gateway);

        var result = new ItchFileReplay().Replay(new MemoryStream(TestFeeds.ImbalanceScenario()), pipeline);
        Assert.True(exchange.WaitForMessages(1, TimeSpan.FromSeconds(5)));
        for (var i = 0; i < 5_000 && pipeline.LiveOrders > 0; i++)
        {
            gateway.Poll(pipeline, Stopwatch.GetTimestamp());
            Thread.Sleep(1);
        }

        // Final book: bid 1_500_000 x 500 (order 4 after a 300-share cancel), bid 1_499_000 x 100 (order 6), ask 1_502_000 x 300.
        Assert.Equal(14, result.Messages);
        var book = pipeline.Books[1]!;
        Assert.Equal(new PriceLevel(1_500_000, 500, 1), book.BestBid);
        Assert.Equal(new PriceLevel(1_499_000, 100, 1), book.Bids.LevelAt(1));
        Assert.Equal(new PriceLevel(1_502_000, 300, 1), book.BestAsk);
        Assert.Equal(1, book.Asks.LevelCount);
        Assert.Equal(1_501_500u, book.LastTradePrice);
        Assert.Equal(0, pipeline.Books.Inconsistencies);
        Assert.Equal(1, pipeline.Parser.Statistics.Truncated);

        // Orders: 900 bid vs 100 offered makes the strategy buy the offer at 150.10; after that offer trades away it
        // buys the next one at 150.20; every repeat of an identical order inside the duplicate window is refused by risk.
        var received = exchange.Received;
        Assert.Equal([1_501_000u, 1_502_000u], received.Select(o => o.Price));
        var first = received[0];
        Assert.Equal((byte)'O', first.Type);
        Assert.Equal(Side.Buy, first.Side);
        Assert.Equal(1_501_000u, first.Price);
        Assert.Equal(100u, first.Shares);
        Assert.Equal(TestFeeds.Aapl, first.Stock);
        Assert.Equal(OuchEnterOrder.ImmediateOrCancel, first.TimeInForce);
        Assert.Equal(pipeline.Statistics.OrdersSent, received.Count);
        Assert.Equal(pipeline.Statistics.Intents, pipeline.Statistics.OrdersSent + pipeline.Statistics.RiskRejectsTotal);
        Assert.True(pipeline.Statistics.RiskRejects(RiskRejectReason.DuplicateOrder) >= 1);
        Assert.Equal(received.Count, pipeline.Statistics.Executions);
        Assert.Equal(0, pipeline.LiveOrders);
        Assert.Equal(2, pipeline.Latency[Latency.LatencyStage.TickToTrade].Count);
    }

    [Fact]
    public void Canceled_ByExchange_GivesCreditBack()
    {
        using var exchange = new ExchangeSimulator(new ExchangeSimulatorOptions { FillRatio = 0 });
        using var gateway = new OrderGatewayClient(new OrderGatewayOptions { Host = "127.0.0.1", Port = exchange.EndPoint.Port });
        gateway.Connect();
        using var risk = new SoftwareRiskEngine(SoftwareRiskEngineTests.Loose);
        var pipeline = new TradingPipeline(new TradingPipelineOptions { ExpectedBookOrders = 64 }, new ImbalanceStrategy(Eager), risk, gateway);

        new ItchFileReplay().Replay(new MemoryStream(TestFeeds.ImbalanceScenario()), pipeline);
        Assert.True(risk.AccountExposure(0) > 0);
        for (var i = 0; i < 5_000 && pipeline.LiveOrders > 0; i++)
        {
            gateway.Poll(pipeline, Stopwatch.GetTimestamp());
            Thread.Sleep(1);
        }

        // Immediate-or-cancel with no fill: every order comes back canceled and its credit is released.
        Assert.Equal(0, pipeline.LiveOrders);
        Assert.Equal(pipeline.Statistics.OrdersSent, pipeline.Statistics.Cancels);
        Assert.Equal(0ul, risk.AccountExposure(0));
    }

    [Fact]
    public void Process_AfterWarmUp_AllocatesNothingPerMessage()
    {
        var feed = SyntheticFeed.Generate(new SyntheticFeedOptions { Messages = 300_000, Symbols = 4, Seed = 5 });
        using var risk = new SoftwareRiskEngine(SoftwareRiskEngineTests.Loose with { DuplicateWindowNanos = 1_000, MaxOrdersPerWindow = 50, RateWindowNanos = 1_000_000 });
        var sink = new RecordingOrderSink();
        var pipeline = new TradingPipeline(new TradingPipelineOptions { ExpectedBookOrders = 1 << 16 }, new ImbalanceStrategy(Eager with { CooldownNanos = 10_000 }), risk, sink);
        var messages = Split(feed);
        var warmUp = messages.Count / 3;

        // Warm-up: the first third creates the books, sizes every table and runs every path; the rest is measured.
        foreach (var (offset, length) in messages.Take(warmUp))
        {
            pipeline.Process(feed.AsSpan(offset, length), Stopwatch.GetTimestamp());
        }

        var sentBefore = sink.Count;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = warmUp; i < messages.Count; i++)
        {
            pipeline.Process(feed.AsSpan(messages[i].Offset, messages[i].Length), Stopwatch.GetTimestamp());
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // The measured pass did real work: parse + book + strategy + risk + OUCH encode.
        Assert.True(sink.Count - sentBefore > 100, $"only {sink.Count - sentBefore} orders in the measured pass; intents {pipeline.Statistics.Intents} sent {pipeline.Statistics.OrdersSent} rejects {pipeline.Statistics.RiskRejectsTotal} first-reject {Enum.GetValues<RiskRejectReason>().FirstOrDefault(r => pipeline.Statistics.RiskRejects(r) > 0)}");
        Assert.True(pipeline.Statistics.RiskRejectsTotal > 0);
        Assert.Equal(0, allocated);
    }

    private static List<(int Offset, int Length)> Split(byte[] file)
    {
        var list = new List<(int, int)>();
        for (var i = 0; i + 2 <= file.Length;)
        {
            var length = (file[i] << 8) | file[i + 1];
            list.Add((i + 2, length));
            i += 2 + length;
        }

        return list;
    }
}
