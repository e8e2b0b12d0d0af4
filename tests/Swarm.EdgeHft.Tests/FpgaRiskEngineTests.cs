using Swarm.EdgeHft.Itch;
using Swarm.EdgeHft.Risk;
using Swarm.EdgeHft.Risk.Fpga;
using Swarm.EdgeHft.Simulation;

namespace Swarm.EdgeHft.Tests;

public sealed class FpgaRiskEngineTests
{
    private static readonly StockSymbol[] Symbols = [StockSymbol.Parse("AAPL"), StockSymbol.Parse("MSFT"), StockSymbol.Parse("BAD")];

    /// <summary>Tight enough that a random stream hits every rule.</summary>
    private static readonly RiskLimits Tight = new()
    {
        MaxOrderShares = 900,
        MaxOrderNotional = 800L * 1_000_000,
        PriceCollarBasisPoints = 300,
        DuplicateWindowNanos = 5_000,
        DuplicateMemory = 64,
        MaxOrdersPerWindow = 4,
        RateWindowNanos = 10_000,
        FirmCreditLimit = 60_000UL * 1_000_000,
        AccountCreditLimits = [30_000UL * 1_000_000, 45_000UL * 1_000_000, 20_000UL * 1_000_000],
        RestrictedSymbols = [StockSymbol.Parse("BAD")],
    };

    private sealed class FailingTransport : IRiskDeviceTransport
    {
        public bool Fail { get; set; }

        public bool Garble { get; set; }

        public SimulatedRiskDevice Device { get; } = new();

        public void Exchange(ReadOnlySpan<byte> request, Span<byte> response)
        {
            if (Fail)
            {
                throw new RiskDeviceException("link down");
            }

            Device.Process(request, response);
            if (Garble)
            {
                response[0] ^= 0xFF;
            }
        }

        public void Dispose()
        {
        }
    }

    /// <summary>A reproducible mixed stream: checks with monotone timestamps, some releases, kill switch flips.</summary>
    private static List<(int Kind, OrderRequest Order)> Stream(int seed, int count)
    {
        var random = new Random(seed);
        var list = new List<(int, OrderRequest)>();
        long ts = 0;
        OrderRequest last = default;
        for (var i = 0; i < count; i++)
        {
            ts += random.Next(0, 700);
            var roll = random.Next(100);
            if (roll < 4)
            {
                list.Add((1, last with { Shares = (uint)random.Next(1, 2_000) }));
                continue;
            }

            if (roll < 6)
            {
                list.Add((2, default));
                continue;
            }

            var reference = (uint)random.Next(900_000, 1_100_000);
            var order = roll < 16
                ? last with { Timestamp = ts, Token = (ulong)i }
                : new OrderRequest(
                    (ushort)random.Next(0, 4), (ulong)i, Symbols[random.Next(Symbols.Length)], random.Next(2) == 0 ? Side.Buy : Side.Sell,
                    random.Next(50) == 0 ? 0 : (uint)(reference + random.Next(-40_000, 40_000)), (uint)random.Next(0, 1_000),
                    random.Next(40) == 0 ? 0 : reference, ts);
            last = order;
            list.Add((0, order));
        }

        return list;
    }

    private static List<RiskRejectReason> Run(IRiskCheckEngine engine, List<(int Kind, OrderRequest Order)> stream)
    {
        var verdicts = new List<RiskRejectReason>();
        var kill = false;
        foreach (var (kind, order) in stream)
        {
            switch (kind)
            {
                case 0:
                    verdicts.Add(engine.Check(order).Reason);
                    break;
                case 1:
                    engine.Release(order.Account, order.Notional);
                    break;
                default:
                    kill = !kill;
                    engine.SetKillSwitch(kill);
                    break;
            }
        }

        return verdicts;
    }

    [Fact]
    public void Check_RandomStream_SameVerdictsAsSoftwareEngine()
    {
        var stream = Stream(seed: 42, count: 20_000);
        using var software = new SoftwareRiskEngine(Tight);
        using var fpga = new FpgaRiskEngine(new InProcessRiskDeviceTransport(new SimulatedRiskDevice()), Tight);

        var expected = Run(software, stream);
        var actual = Run(fpga, stream);

        Assert.Equal(expected, actual);

        // The stream is only a meaningful comparison if it exercised every rule and accepted some orders.
        var seen = expected.ToHashSet();
        foreach (var reason in Enum.GetValues<RiskRejectReason>().Where(r => r != RiskRejectReason.DeviceFault))
        {
            Assert.Contains(reason, seen);
        }
    }

    [Fact]
    public void Check_OverTcpSocket_SameVerdictsAsSoftwareEngine()
    {
        var stream = Stream(seed: 7, count: 3_000);
        using var server = new SimulatedRiskDeviceServer(new SimulatedRiskDevice());
        using var software = new SoftwareRiskEngine(Tight);
        using var fpga = new FpgaRiskEngine(SocketRiskDeviceTransport.ConnectTcp("127.0.0.1", server.EndPoint.Port, TimeSpan.FromSeconds(5)), Tight);

        Assert.Equal(Run(software, stream), Run(fpga, stream));
        Assert.Equal(0, fpga.DeviceFaults);
    }

    [Fact]
    public void Check_OverMemoryMappedMailbox_SameVerdictsAsSoftwareEngine()
    {
        var path = Path.Combine(Path.GetTempPath(), $"edge-risk-mailbox-{Guid.NewGuid():N}");
        try
        {
            var stream = Stream(seed: 9, count: 3_000);
            using var card = new SimulatedRiskDeviceMailbox(new SimulatedRiskDevice(), path);
            using var software = new SoftwareRiskEngine(Tight);
            using var fpga = new FpgaRiskEngine(new MemoryMappedRiskDeviceTransport(path, TimeSpan.FromSeconds(5)), Tight);

            Assert.Equal(Run(software, stream), Run(fpga, stream));
            Assert.Equal(0, fpga.DeviceFaults);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void WriteCheck_MatchesProtocolLayout()
    {
        var frame = new byte[RiskDeviceProtocol.RequestLength];
        var order = new OrderRequest(3, 77, StockSymbol.Parse("AAPL"), Side.Sell, 1_500_000, 200, 1_490_000, 123_456_789);

        RiskDeviceProtocol.WriteCheck(frame, 9, order);

        static byte[] Le(ulong v, int n) => Enumerable.Range(0, n).Select(i => (byte)(v >> (8 * i))).ToArray();
        var expected = new Wire().Raw(Le(0x4B52, 2)).U8(1).U8(1).Raw(Le(9, 4)).Raw(Le(3, 2)).Char('S').U8(0)
            .Raw(Le(1_500_000, 4)).Raw(Le(200, 4)).Raw(Le(1_490_000, 4)).Raw(Le(StockSymbol.Parse("AAPL").Value, 8))
            .Raw(Le(123_456_789, 8)).Raw(Le(77, 8)).Raw(Le(0, 2)).Raw(new byte[14]).ToArray();
        Assert.Equal(expected, frame);
    }

    [Fact]
    public void Check_ReportsEveryFailedRuleInBitmap()
    {
        using var fpga = new FpgaRiskEngine(new InProcessRiskDeviceTransport(new SimulatedRiskDevice()), Tight);

        var verdict = fpga.Check(new OrderRequest(0, 1, StockSymbol.Parse("BAD"), Side.Buy, 2_000_000, 950, 1_000_000, 0));

        Assert.Equal(RiskRejectReason.RestrictedSymbol, verdict.Reason);
        var expected = (1 << (int)RiskRejectReason.RestrictedSymbol) | (1 << (int)RiskRejectReason.MaxOrderSize)
            | (1 << (int)RiskRejectReason.PriceCollar) | (1 << (int)RiskRejectReason.MaxNotional);
        Assert.Equal(expected, fpga.LastFailedChecks);
    }

    [Fact]
    public void Check_LinkDownOrGarbledAnswer_FailsClosed()
    {
        var transport = new FailingTransport();
        using var fpga = new FpgaRiskEngine(transport, Tight);
        var order = new OrderRequest(0, 1, Symbols[0], Side.Buy, 1_000_000, 10, 1_000_000, 0);

        transport.Fail = true;
        Assert.Equal(RiskRejectReason.DeviceFault, fpga.Check(order).Reason);
        transport.Fail = false;
        transport.Garble = true;
        Assert.Equal(RiskRejectReason.DeviceFault, fpga.Check(order with { Timestamp = 10_000 }).Reason);
        transport.Garble = false;
        Assert.True(fpga.Check(order with { Timestamp = 20_000 }).IsAccepted);
        Assert.Equal(2, fpga.DeviceFaults);
    }

    [Fact]
    public void SetKillSwitch_FromAnotherThread_RefusesAndReachesTheCard()
    {
        var device = new SimulatedRiskDevice();
        using var fpga = new FpgaRiskEngine(new InProcessRiskDeviceTransport(device), Tight);
        var order = new OrderRequest(0, 1, Symbols[0], Side.Buy, 1_000_000, 10, 1_000_000, 0);

        var thrower = new Thread(() => fpga.SetKillSwitch(true));
        thrower.Start();
        thrower.Join();

        Assert.Equal(RiskRejectReason.KillSwitch, fpga.Check(order).Reason);

        // The card itself now refuses: a request that bypasses the engine's local flag sees the switch.
        var frame = new byte[RiskDeviceProtocol.RequestLength];
        var answer = new byte[RiskDeviceProtocol.ResponseLength];
        RiskDeviceProtocol.WriteCheck(frame, 1_000, order);
        device.Process(frame, answer);
        Assert.True(RiskDeviceProtocol.TryReadResponse(answer, out _, out _, out var reason, out _));
        Assert.Equal(RiskRejectReason.KillSwitch, reason);
    }

    [Fact]
    public void Constructor_MoreAccountsThanTheCardHas_ThrowsClearError()
    {
        var limits = Tight with { AccountCreditLimits = Enumerable.Repeat(1UL, SimulatedRiskDevice.MaxAccounts + 1).ToArray() };

        var error = Assert.Throws<RiskDeviceException>(() => new FpgaRiskEngine(new InProcessRiskDeviceTransport(new SimulatedRiskDevice()), limits));

        Assert.Contains("AccountCount", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Process_BadMagic_AnswersBadFrame()
    {
        var device = new SimulatedRiskDevice();
        var frame = new byte[RiskDeviceProtocol.RequestLength];
        var answer = new byte[RiskDeviceProtocol.ResponseLength];

        device.Process(frame, answer);

        Assert.True(RiskDeviceProtocol.TryReadResponse(answer, out var status, out _, out _, out _));
        Assert.Equal(RiskDeviceStatus.BadFrame, status);
    }

    [Fact]
    public void ConnectTcp_NothingListening_ThrowsRiskDeviceException()
    {
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }

        Assert.Throws<RiskDeviceException>(() => SocketRiskDeviceTransport.ConnectTcp("127.0.0.1", port, TimeSpan.FromSeconds(2)));
    }
}
