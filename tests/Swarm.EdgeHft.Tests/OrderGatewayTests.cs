using System.Diagnostics;
using Swarm.EdgeHft.Itch;
using Swarm.EdgeHft.Orders;
using Swarm.EdgeHft.Simulation;

namespace Swarm.EdgeHft.Tests;

public sealed class OrderGatewayTests
{
    private sealed class EventLog : IOuchEventSink
    {
        public List<OuchEvent> Events { get; } = [];

        public void OnOuchEvent(in OuchEvent e) => Events.Add(e);
    }

    private static void PollUntil(OrderGatewayClient client, EventLog log, int count)
    {
        // Bounded: at most ~5 s of 1 ms polls.
        for (var i = 0; i < 5_000 && log.Events.Count < count; i++)
        {
            client.Poll(log, Stopwatch.GetTimestamp());
            Thread.Sleep(1);
        }
    }

    private static OrderGatewayClient Connect(ExchangeSimulator exchange, string password = "pw")
    {
        var client = new OrderGatewayClient(new OrderGatewayOptions
        {
            Host = "127.0.0.1", Port = exchange.EndPoint.Port, Username = "FIRM01", Password = password, LoginTimeout = TimeSpan.FromSeconds(5),
        });
        client.Connect();
        return client;
    }

    [Fact]
    public void EnterOrder_SimulatorAcknowledgesAndFills()
    {
        using var exchange = new ExchangeSimulator(new ExchangeSimulatorOptions { Username = "FIRM01", Password = "pw" });
        using var client = Connect(exchange);
        var log = new EventLog();
        var buffer = new byte[64];

        Assert.True(client.IsLoggedIn);
        Assert.Equal("SIM0000001", client.Session);
        client.Send(buffer.AsSpan(0, OuchWriter.WriteEnterOrder(buffer, new OuchEnterOrder(1, Side.Buy, 100, StockSymbol.Parse("AAPL"), 1_500_000, OuchEnterOrder.MarketHours, 0))));
        PollUntil(client, log, 2);

        Assert.Equal([OuchEventType.Accepted, OuchEventType.Executed], log.Events.Select(e => e.Type));
        Assert.All(log.Events, e => Assert.Equal(1ul, e.Token));
        Assert.Equal(100u, log.Events[1].Shares);
        Assert.Equal(1_500_000u, log.Events[1].Price);
        var received = Assert.Single(exchange.Received);
        Assert.Equal((byte)'O', received.Type);
        Assert.Equal(StockSymbol.Parse("AAPL"), received.Stock);
    }

    [Fact]
    public void ReplaceThenCancel_RestingOrder_AnsweredInOrder()
    {
        using var exchange = new ExchangeSimulator(new ExchangeSimulatorOptions { FillRatio = 0 });
        using var client = Connect(exchange);
        var log = new EventLog();
        var buffer = new byte[64];

        client.Send(buffer.AsSpan(0, OuchWriter.WriteEnterOrder(buffer, new OuchEnterOrder(10, Side.Sell, 100, StockSymbol.Parse("MSFT"), 4_000_000, OuchEnterOrder.MarketHours, 0))));
        client.Send(buffer.AsSpan(0, OuchWriter.WriteReplaceOrder(buffer, 10, 11, 80, 4_010_000, OuchEnterOrder.MarketHours)));
        client.Send(buffer.AsSpan(0, OuchWriter.WriteCancelOrder(buffer, 11, 0)));
        PollUntil(client, log, 3);

        Assert.Equal([OuchEventType.Accepted, OuchEventType.Replaced, OuchEventType.Canceled], log.Events.Select(e => e.Type));
        Assert.Equal((11ul, 10ul, 80u, 4_010_000u), (log.Events[1].Token, log.Events[1].PreviousToken, log.Events[1].Shares, log.Events[1].Price));
        Assert.Equal((11ul, 80u, (byte)'U'), (log.Events[2].Token, log.Events[2].Shares, log.Events[2].Code));
    }

    [Fact]
    public void ImmediateOrCancel_PartialFill_RemainderCanceled()
    {
        using var exchange = new ExchangeSimulator(new ExchangeSimulatorOptions { FillRatio = 0.25 });
        using var client = Connect(exchange);
        var log = new EventLog();
        var buffer = new byte[64];

        client.Send(buffer.AsSpan(0, OuchWriter.WriteEnterOrder(buffer, new OuchEnterOrder(5, Side.Buy, 100, StockSymbol.Parse("AAPL"), 1, OuchEnterOrder.ImmediateOrCancel, 0))));
        PollUntil(client, log, 3);

        Assert.Equal([OuchEventType.Accepted, OuchEventType.Executed, OuchEventType.Canceled], log.Events.Select(e => e.Type));
        Assert.Equal(25u, log.Events[1].Shares);
        Assert.Equal((75u, (byte)'I'), (log.Events[2].Shares, log.Events[2].Code));
    }

    [Fact]
    public void Connect_WrongPassword_FailsWithClearReason()
    {
        using var exchange = new ExchangeSimulator(new ExchangeSimulatorOptions { Username = "FIRM01", Password = "pw" });

        var error = Assert.Throws<OrderGatewayException>(() => Connect(exchange, password: "nope"));

        Assert.Contains("not authorized", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, exchange.RejectedLogins);
    }

    [Fact]
    public void Connect_NothingListening_FailsWithClearError()
    {
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }

        var client = new OrderGatewayClient(new OrderGatewayOptions { Host = "127.0.0.1", Port = port, LoginTimeout = TimeSpan.FromSeconds(2) });

        var error = Assert.Throws<OrderGatewayException>(() => client.Connect());
        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Send_BeforeLogin_Throws()
    {
        using var client = new OrderGatewayClient(new OrderGatewayOptions());

        Assert.Throws<InvalidOperationException>(() => client.Send([1]));
    }
}
