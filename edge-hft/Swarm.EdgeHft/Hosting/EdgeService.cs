using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime;
using System.Runtime.ExceptionServices;
using Swarm.EdgeHft.Configuration;
using Swarm.EdgeHft.Feed;
using Swarm.EdgeHft.Orders;
using Swarm.EdgeHft.Risk;
using Swarm.EdgeHft.Risk.Fpga;
using Swarm.EdgeHft.Simulation;
using Swarm.EdgeHft.Strategy;
using Swarm.EdgeHft.Trading;
using Swarm.EdgeHft.Xdp;

namespace Swarm.EdgeHft.Hosting;

/// <summary>
/// Builds the service from a validated configuration and runs it: a dedicated trading thread (pinned, warmed up,
/// then allocation-free) drives feed → book → strategy → risk → gateway; the metrics endpoint runs beside it.
/// </summary>
public sealed class EdgeService
{
    private readonly EdgeConfig _config;
    private readonly TextWriter _log;

    /// <summary>Creates the service.</summary>
    public EdgeService(EdgeConfig config, TextWriter log)
    {
        _config = config ?? throw new ArgumentNullException(nameof(config));
        _log = log ?? throw new ArgumentNullException(nameof(log));
    }

    /// <summary>The pipeline of the last run (for inspection after <see cref="Run"/>).</summary>
    public TradingPipeline? Pipeline { get; private set; }

    /// <summary>The metrics of the last run.</summary>
    public EdgeMetrics? Metrics { get; private set; }

    /// <summary>The exchange simulator, when the gateway mode is <c>simulator</c>.</summary>
    public ExchangeSimulator? Simulator { get; private set; }

    /// <summary>Runs until the replay ends or <paramref name="cancellationToken"/> fires; returns the exit code (0).</summary>
    /// <exception cref="OrderGatewayException">The gateway cannot be reached.</exception>
    /// <exception cref="RiskDeviceException">The risk card cannot be reached or configured.</exception>
    public int Run(CancellationToken cancellationToken)
    {
        var limits = EdgeConfigLoader.ToRiskLimits(_config.Risk);
        using var risk = CreateRiskEngine(limits);
        if (_config.Risk.KillSwitchAtStart)
        {
            risk.SetKillSwitch(true);
        }

        using var simulator = _config.Gateway.Mode == "simulator" ? new ExchangeSimulator() : null;
        Simulator = simulator;
        using var gateway = CreateGateway(simulator, cancellationToken);
        IOrderSink sink = gateway is null ? new RecordingOrderSink() : gateway;
        var strategyOptions = StrategyOptions();
        var account = (ushort)_config.Risk.Accounts.ToList().FindIndex(a => a.Name == _config.Strategy.Account);
        var pipelineOptions = new TradingPipelineOptions { Account = account, Firm = _config.Gateway.Firm, ExpectedBookOrders = _config.Host.ExpectedBookOrders };
        var pipeline = new TradingPipeline(pipelineOptions, new ImbalanceStrategy(strategyOptions), risk, sink);
        var metrics = new EdgeMetrics(pipeline) { Gateway = gateway, KernelBypassLibrary = KernelBypass.Detect() };
        Pipeline = pipeline;
        Metrics = metrics;

        using var udp = OpenFeed(pipeline);
        metrics.Feed = udp?.Receiver;
        if (udp is AfXdpFeed xdp)
        {
            metrics.KernelBypassLibrary = xdp.ZeroCopy ? "af_xdp_zero_copy" : "af_xdp_copy";
        }

        var tradingAlive = true;
        using var server = string.IsNullOrEmpty(_config.Metrics.Listen) ? null : new MetricsServer(
            IPEndPoint.Parse(_config.Metrics.Listen),
            metrics.Render,
            () => !Volatile.Read(ref tradingAlive) ? (false, "trading thread stopped")
                : gateway is { IsLoggedIn: false } ? (false, "order gateway session down")
                : (true, risk.KillSwitchEngaged ? "ok (kill switch engaged)" : "ok"),
            () => risk.SetKillSwitch(true));

        Announce(risk, gateway, udp, server, metrics);
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                TradingLoop(pipeline, gateway, udp, metrics, strategyOptions, limits, cancellationToken);
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
            finally
            {
                Volatile.Write(ref tradingAlive, false);
            }
        })
        { Name = "trading", IsBackground = true };
        thread.Start();
        thread.Join();
        Report(pipeline, metrics, udp);
        failure?.Throw();
        return 0;
    }

    private IRiskCheckEngine CreateRiskEngine(RiskLimits limits)
    {
        if (_config.Risk.Engine == "software")
        {
            return new SoftwareRiskEngine(limits);
        }

        var device = _config.Risk.Device;
        var timeout = TimeSpan.FromMilliseconds(device.TimeoutMilliseconds);
        IRiskDeviceTransport transport = device.Transport switch
        {
            "mmap" => new MemoryMappedRiskDeviceTransport(device.Path!, timeout),
            "tcp" => SocketRiskDeviceTransport.ConnectTcp(device.Host, device.Port, timeout),
            "unix" => SocketRiskDeviceTransport.ConnectUnix(device.Path!, timeout),
            _ => new InProcessRiskDeviceTransport(new SimulatedRiskDevice()),
        };
        try
        {
            return new FpgaRiskEngine(transport, limits);
        }
        catch
        {
            transport.Dispose();
            throw;
        }
    }

    private OrderGatewayClient? CreateGateway(ExchangeSimulator? simulator, CancellationToken cancellationToken)
    {
        var g = _config.Gateway;
        if (g.Mode == "none")
        {
            return null;
        }

        var client = new OrderGatewayClient(new OrderGatewayOptions
        {
            Host = simulator is null ? g.Host : "127.0.0.1",
            Port = simulator?.EndPoint.Port ?? g.Port,
            Username = g.Username,
            Password = g.Password,
            Session = g.Session,
            BusyPollMicroseconds = g.BusyPollMicroseconds,
            LoginTimeout = TimeSpan.FromMilliseconds(g.LoginTimeoutMilliseconds),
        });
        try
        {
            client.Connect(cancellationToken);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private ImbalanceStrategyOptions StrategyOptions() => new()
    {
        Symbols = _config.Strategy.Symbols,
        Threshold = _config.Strategy.Threshold,
        Shares = _config.Strategy.Shares,
        CooldownNanos = (long)(_config.Strategy.CooldownMicroseconds * 1_000),
        MinimumTopSize = _config.Strategy.MinimumTopSize,
    };

    private IPacketFeed? OpenFeed(TradingPipeline pipeline) => _config.Feed.Mode switch
    {
        "udp" => new UdpFeed(UdpOptions(), pipeline),
        "xdp" => AfXdpFeed.OpenOrFallBack(
            new AfXdpFeedOptions
            {
                Udp = UdpOptions(),
                Interface = _config.Feed.XdpInterface!,
                Queue = (uint)_config.Feed.XdpQueue,
                Mode = Enum.Parse<XdpAttachMode>(_config.Feed.XdpMode, ignoreCase: true),
                ZeroCopy = _config.Feed.XdpZeroCopy,
                Frames = _config.Feed.XdpFrames,
                HugePages = _config.Feed.XdpHugePages,
            },
            pipeline,
            _log.WriteLine),
        _ => null,
    };

    private UdpFeedOptions UdpOptions()
    {
        var bind = IPEndPoint.Parse(_config.Feed.Bind);
        return new UdpFeedOptions
        {
            BindAddress = bind.Address.ToString(),
            Port = bind.Port,
            MulticastGroup = _config.Feed.MulticastGroup,
            MulticastInterface = _config.Feed.MulticastInterface,
            RerequestServer = _config.Feed.RerequestServer,
            Session = _config.Feed.Session,
            BusyPollMicroseconds = _config.Feed.BusyPollMicroseconds,
            Spin = _config.Feed.Spin,
            ReceiveBufferBytes = _config.Feed.ReceiveBufferBytes,
            RecoveryTimeout = TimeSpan.FromMilliseconds(_config.Feed.RecoveryTimeoutMilliseconds),
        };
    }

    private void TradingLoop(
        TradingPipeline pipeline, OrderGatewayClient? gateway, IPacketFeed? udp, EdgeMetrics metrics,
        ImbalanceStrategyOptions strategyOptions, RiskLimits limits, CancellationToken cancellationToken)
    {
        if (!CpuAffinity.TryPinCurrentThread(_config.Host.CpuAffinity, out var pinError))
        {
            _log.WriteLine($"warning: trading thread not pinned: {pinError}");
        }
        else if (_config.Host.CpuAffinity.Count > 0)
        {
            _log.WriteLine($"trading thread pinned to CPU {string.Join(',', _config.Host.CpuAffinity)}");
        }

        WarmUp(strategyOptions, limits);
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        if (_config.Host.LowLatencyGc)
        {
            GCSettings.LatencyMode = GCLatencyMode.SustainedLowLatency;
        }

        if (_config.Host.NoGcRegionMegabytes > 0 && !GC.TryStartNoGCRegion(_config.Host.NoGcRegionMegabytes * 1024L * 1024))
        {
            _log.WriteLine("warning: could not enter the no-GC region");
        }

        // Everything the loop needs is created before the baseline, so the gauge shows only per-message allocation.
        using var file = udp is null ? new FileStream(_config.Feed.ReplayFile!, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan) : null;
        var replay = udp is null ? new ItchFileReplay() : null;
        var driver = new ReplayDriver(pipeline, gateway, metrics);

        // The first poll of a socket initialises runtime internals once; do it before the baseline (a packet that
        // arrives now is processed normally).
        udp?.PollOnce(0);
        gateway?.Poll(pipeline, Stopwatch.GetTimestamp());
        var baseline = GC.GetAllocatedBytesForCurrentThread();
        driver.AllocationBaseline = baseline;
        metrics.HotPathAllocatedBytes = 0;
        if (udp is null)
        {
            var result = replay!.Replay(file!, driver, cancellationToken);
            metrics.HotPathAllocatedBytes = GC.GetAllocatedBytesForCurrentThread() - baseline;
            if (result.TruncatedTailBytes > 0)
            {
                _log.WriteLine($"warning: replay file ends with {result.TruncatedTailBytes} bytes that are not a whole record (ignored)");
            }

            // Give the exchange a moment to answer the last orders so credit and fills are final in the report.
            var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 2;
            while (gateway is { IsLoggedIn: true } && pipeline.LiveOrders > 0 && Stopwatch.GetTimestamp() < deadline && !cancellationToken.IsCancellationRequested)
            {
                gateway.Poll(pipeline, Stopwatch.GetTimestamp());
                Thread.Sleep(1);
            }
        }
        else
        {
            var iterations = 0;
            while (!cancellationToken.IsCancellationRequested)
            {
                udp.PollOnce(1_000);
                gateway?.Poll(pipeline, Stopwatch.GetTimestamp());
                if ((++iterations & 1023) == 0)
                {
                    metrics.HotPathAllocatedBytes = GC.GetAllocatedBytesForCurrentThread() - baseline;
                }
            }
        }

        if (GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
        {
            GC.EndNoGCRegion();
        }
    }

    private void WarmUp(ImbalanceStrategyOptions strategyOptions, RiskLimits limits)
    {
        if (_config.Host.WarmupMessages == 0)
        {
            return;
        }

        // A scratch pipeline compiles the same methods without touching the live books, risk state or gateway.
        var feed = SyntheticFeed.Generate(new SyntheticFeedOptions { Messages = _config.Host.WarmupMessages, Symbols = 4 });
        for (var round = 0; round < 2; round++)
        {
            using var risk = new SoftwareRiskEngine(limits with { PriceCollarBasisPoints = 0 });
            var scratch = new TradingPipeline(new TradingPipelineOptions { ExpectedBookOrders = 1 << 16 }, new ImbalanceStrategy(strategyOptions with { Symbols = [] }), risk, new RecordingOrderSink());
            new ItchFileReplay().Replay(new MemoryStream(feed, writable: false), scratch);

            // Tiered compilation promotes hot methods in the background; give it a moment between rounds.
            Thread.Sleep(200);
        }
    }

    private void Announce(IRiskCheckEngine risk, OrderGatewayClient? gateway, IPacketFeed? udp, MetricsServer? server, EdgeMetrics metrics)
    {
        _log.WriteLine(udp is null ? $"feed: replay {_config.Feed.ReplayFile}" : $"feed: {udp.Description}" + (_config.Feed.MulticastGroup is { } g ? $" group {g}" : ""));
        _log.WriteLine(gateway is null ? "orders: dry run (counted, not sent)" : $"orders: OUCH 4.2 session '{gateway.Session}'" + (Simulator is null ? $" at {_config.Gateway.Host}:{_config.Gateway.Port}" : " with the in-process exchange simulator"));
        _log.WriteLine($"risk: {risk.Name} engine" + (risk is FpgaRiskEngine ? $" via {_config.Risk.Device.Transport}" : "") + (risk.KillSwitchEngaged ? " (kill switch engaged)" : ""));
        _log.WriteLine($"network: {(metrics.KernelBypassLibrary is { } lib ? "kernel bypass via " + lib : "kernel stack (no bypass library preloaded)")}");
        if (server is not null)
        {
            _log.WriteLine($"metrics: http://{server.EndPoint}/metrics");
        }

        foreach (var warning in new[] { udp?.TuningWarning, gateway?.TuningWarning })
        {
            if (warning is not null)
            {
                _log.WriteLine("warning: " + warning);
            }
        }
    }

    private void Report(TradingPipeline pipeline, EdgeMetrics metrics, IPacketFeed? udp)
    {
        var p = pipeline.Parser.Statistics;
        var s = pipeline.Statistics;
        var c = CultureInfo.InvariantCulture;
        _log.WriteLine(string.Create(c, $"messages: {s.Messages} (parsed {p.Parsed}, unsupported {p.Unsupported}, truncated {p.Truncated}, malformed {p.Malformed}, empty {p.Empty})"));
        _log.WriteLine(string.Create(c, $"books: {pipeline.Books.BookCount}, resting orders {pipeline.Books.OrderCount}, inconsistencies {pipeline.Books.Inconsistencies}"));
        if (udp is not null)
        {
            var f = udp.Receiver.Statistics;
            _log.WriteLine(string.Create(c, $"feed: packets {f.Packets}, gaps {f.Gaps}, recovered {f.MessagesRecovered}, lost {f.MessagesLost}, duplicates {f.DuplicateMessages}"));
            if (udp is AfXdpFeed xdp)
            {
                var k = xdp.KernelStatistics;
                _log.WriteLine(string.Create(c, $"af_xdp: frames {xdp.Frames}, via the kernel socket {xdp.KernelPathPackets}, bad frames {xdp.BadFrames}, wake-ups {xdp.Wakeups}; kernel drops {k.Dropped}, rx ring full {k.RxRingFull}, fill ring empty {k.FillRingEmpty}"));
            }
        }

        _log.WriteLine(string.Create(c, $"orders: intents {s.Intents}, sent {s.OrdersSent}, risk rejects {s.RiskRejectsTotal}, exchange accepted {s.ExchangeAccepted}, executions {s.Executions} ({s.SharesExecuted} shares), canceled {s.Cancels}"));
        foreach (var reason in Enum.GetValues<RiskRejectReason>().Where(r => s.RiskRejects(r) > 0))
        {
            _log.WriteLine(string.Create(c, $"  risk reject {reason}: {s.RiskRejects(reason)}"));
        }

        _log.WriteLine(string.Create(c, $"hot path allocated after warm-up: {metrics.HotPathAllocatedBytes} bytes (includes creating {pipeline.Books.BookCount} books as their Stock Directory messages arrived)"));
        _log.Write(metrics.RenderLatencyTable());
        if (_config.Metrics.ReportFile is { } file)
        {
            File.WriteAllText(file, metrics.Render());
            _log.WriteLine($"report: {file}");
        }
    }
}
