using Swarm.EdgeHft.Configuration;
using Swarm.EdgeHft.Hosting;
using Swarm.EdgeHft.Simulation;

namespace Swarm.EdgeHft.Tests;

public sealed class EdgeProgramTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edge-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = EdgeProgram.Run(args, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData(new[] { "--bogus" }, "unknown option '--bogus'")]
    [InlineData(new[] { "--replay" }, "option --replay needs a value")]
    [InlineData(new[] { "--udp", "nonsense" }, "--udp 'nonsense' is not address:port")]
    [InlineData(new[] { "--gateway", "host" }, "--gateway 'host' is not host:port")]
    [InlineData(new[] { "--risk", "magic" }, "--risk 'magic' must be one of software, fpga")]
    [InlineData(new[] { "--cpu", "a,b" }, "--cpu 'a,b' is not a list of CPU numbers")]
    [InlineData(new[] { "--dry-run", "--simulate-exchange" }, "choose one of --gateway, --simulate-exchange and --dry-run")]
    [InlineData(new[] { "--replay", "/nonexistent/feed.itch" }, "feed.replayFile '/nonexistent/feed.itch' does not exist")]
    [InlineData(new[] { "--config", "/nonexistent/edge.json" }, "Cannot read config file '/nonexistent/edge.json'")]
    public void Run_BadInput_ExitCode2WithClearMessageAndNoStackTrace(string[] args, string message)
    {
        var (code, _, err) = Run(args);

        Assert.Equal(EdgeProgram.BadInput, code);
        Assert.Contains(message, err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"feed\": { \"mode\": \"replay\" ", "invalid configuration")]
    [InlineData("{ \"feed\": { \"mdoe\": \"udp\" } }", "mdoe")]
    [InlineData("{ \"risk\": { \"maxOrderShares\": \"lots\" } }", "line 1")]
    [InlineData("{ \"feed\": { \"mode\": \"tcp\" } }", "feed.mode 'tcp' is not 'replay', 'udp' or 'xdp'")]
    [InlineData("{ \"feed\": { \"mode\": \"udp\" }, \"strategy\": { \"account\": \"ghost\" } }", "strategy.account 'ghost' is not one of risk.accounts")]
    [InlineData("{ \"feed\": { \"mode\": \"udp\" }, \"risk\": { \"engine\": \"fpga\", \"device\": { \"transport\": \"mmap\" } } }", "risk.device.path is required")]
    [InlineData("{ \"feed\": { \"mode\": \"udp\" }, \"risk\": { \"restrictedSymbols\": [\"WAYTOOLONG\"] } }", "'WAYTOOLONG' is not a stock symbol")]
    [InlineData("{ \"feed\": { \"mode\": \"udp\" }, \"gateway\": { \"mode\": \"ouch\" } }", "gateway.port must be 1-65535")]
    public void Run_BadConfigFile_ExitCode2NamingTheProblem(string json, string message)
    {
        var path = Path.Combine(_dir, "edge.json");
        File.WriteAllText(path, json);

        var (code, _, err) = Run("--config", path, "--validate");

        Assert.Equal(EdgeProgram.BadInput, code);
        Assert.Contains(message, err, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ValidConfig_Validates()
    {
        var path = Path.Combine(_dir, "edge.json");
        File.WriteAllText(path, """
            {
              // comments are allowed
              "feed": { "mode": "udp", "bind": "127.0.0.1:0", "multicastGroup": "233.54.12.111" },
              "gateway": { "mode": "ouch", "port": 15000, "username": "FIRM01", "firm": "SWRM" },
              "risk": { "engine": "fpga", "device": { "transport": "tcp", "port": 7000 }, "accounts": [ { "name": "a", "creditLimitDollars": 5000000 } ] },
              "strategy": { "account": "a", "symbols": [ "AAPL" ] },
              "host": { "cpuAffinity": [ 0 ] },
            }
            """);

        var (code, output, err) = Run("--config", path, "--validate");

        Assert.Equal(0, code);
        Assert.Contains("configuration OK", output, StringComparison.Ordinal);
        Assert.Empty(err);
    }

    [Fact]
    public void Run_GatewayUnreachable_ExitCode3()
    {
        var feed = Path.Combine(_dir, "feed.itch");
        File.WriteAllBytes(feed, TestFeeds.ImbalanceScenario());
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }

        var (code, _, err) = Run("--replay", feed, "--gateway", $"127.0.0.1:{port}", "--metrics", "off");

        Assert.Equal(EdgeProgram.ResourceFailure, code);
        Assert.Contains("Cannot log in to the order gateway", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ReplayAgainstSimulator_PrintsReportAndWritesMetricsFile()
    {
        var feed = Path.Combine(_dir, "feed.itch");
        var report = Path.Combine(_dir, "report.prom");
        var config = Path.Combine(_dir, "edge.json");
        File.WriteAllBytes(feed, TestFeeds.ImbalanceScenario());
        File.WriteAllText(config, """{ "strategy": { "threshold": 0.6, "cooldownMicroseconds": 0, "minimumTopSize": 0 }, "host": { "warmupMessages": 2000 } }""");

        var (code, output, err) = Run("--config", config, "--replay", feed, "--simulate-exchange", "--metrics", "127.0.0.1:0", "--report", report);

        Assert.True(code == 0, err);
        Assert.Contains("messages: 14 (parsed 13, unsupported 0, truncated 1", output, StringComparison.Ordinal);
        Assert.Contains("orders: intents", output, StringComparison.Ordinal);
        Assert.Contains("tick_to_trade", output, StringComparison.Ordinal);
        var metrics = File.ReadAllText(report);
        Assert.Contains("edge_orders_total{outcome=\"sent\"} 2", metrics, StringComparison.Ordinal);
        Assert.Contains("edge_latency_ns{stage=\"tick_to_trade\",quantile=\"0.99\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("edge_gateway_logged_in 1", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_GenerateReplay_WritesAReadableFile()
    {
        var path = Path.Combine(_dir, "synthetic.itch");

        var (code, _, _) = Run("--generate-replay", path, "--messages", "5000");

        Assert.Equal(0, code);
        var sink = new RecordingSink();
        var result = new Feed.ItchFileReplay().Replay(path, sink);
        Assert.Equal(5_000 + 8 + 3, result.Messages);
    }

    [Fact]
    public void Probe_HealthyEndpoint_Exit0AndDeadEndpoint_Exit1()
    {
        using var risk = new Risk.SoftwareRiskEngine(SoftwareRiskEngineTests.Loose);
        var pipeline = new Trading.TradingPipeline(new Trading.TradingPipelineOptions { ExpectedBookOrders = 16 }, new Strategy.ImbalanceStrategy(new Strategy.ImbalanceStrategyOptions()), risk, new Trading.RecordingOrderSink());
        var healthy = true;
        int port;
        using (var server = new MetricsServer(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0), new EdgeMetrics(pipeline).Render, () => (healthy, healthy ? "ok" : "order gateway session down"), () => { }))
        {
            port = server.EndPoint.Port;
            Assert.Equal(0, Run("--probe", $"http://127.0.0.1:{port}/health").Code);
            healthy = false;
            var (code, _, err) = Run("--probe", $"http://127.0.0.1:{port}/health");
            Assert.Equal(1, code);
            Assert.Contains("503 order gateway session down", err, StringComparison.Ordinal);
        }

        Assert.Equal(1, Run("--probe", $"http://127.0.0.1:{port}/health").Code);
        Assert.Equal(EdgeProgram.BadInput, Run("--probe", "not a url").Code);
    }

    [Fact]
    public void Help_PrintsUsageWithExitCodes()
    {
        var (code, output, _) = Run("--help");

        Assert.Equal(0, code);
        Assert.Contains("--replay <file>", output, StringComparison.Ordinal);
        Assert.Contains("exit codes", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ApplyTo_CommandLineOverridesFile()
    {
        var line = EdgeCommandLine.Parse(["--udp", "127.0.0.1:26400", "--gateway", "10.0.0.5:15000", "--risk", "fpga", "--metrics", "off", "--cpu", "2,3"]);

        var config = line.ApplyTo(new EdgeConfig());

        Assert.Equal(("udp", "127.0.0.1:26400"), (config.Feed.Mode, config.Feed.Bind));
        Assert.Equal(("ouch", "10.0.0.5", 15000), (config.Gateway.Mode, config.Gateway.Host, config.Gateway.Port));
        Assert.Equal("fpga", config.Risk.Engine);
        Assert.Equal("", config.Metrics.Listen);
        Assert.Equal([2, 3], config.Host.CpuAffinity);
    }

    [Fact]
    public void ApplyTo_Xdp_SelectsTheInterfaceAndQueue()
    {
        var config = EdgeCommandLine.Parse(["--udp", "0.0.0.0:26477", "--xdp", "ens5:3"]).ApplyTo(new EdgeConfig());

        Assert.Equal(("xdp", "ens5", 3, "0.0.0.0:26477"), (config.Feed.Mode, config.Feed.XdpInterface, config.Feed.XdpQueue, config.Feed.Bind));
        Assert.Empty(EdgeConfigLoader.Validate(config));
        Assert.Contains("feed.xdpMode 'fast' is not 'auto', 'native' or 'generic'", EdgeConfigLoader.Validate(config with { Feed = config.Feed with { XdpMode = "fast" } }));
        Assert.Contains("feed.xdpFrames must be a power of two, at least 64", EdgeConfigLoader.Validate(config with { Feed = config.Feed with { XdpFrames = 1000 } }));
        Assert.Throws<EdgeConfigException>(() => EdgeCommandLine.Parse(["--xdp", "ens5:x"]));
    }

    [Fact]
    public void ToRiskLimits_ConvertsDollarsAndMilliseconds()
    {
        var limits = EdgeConfigLoader.ToRiskLimits(new RiskConfig { MaxOrderNotionalDollars = 250_000.5m, DuplicateWindowMilliseconds = 2.5, FirmCreditLimitDollars = 1m });

        Assert.Equal(2_500_005_000ul, limits.MaxOrderNotional);
        Assert.Equal(2_500_000L, limits.DuplicateWindowNanos);
        Assert.Equal(10_000ul, limits.FirmCreditLimit);
    }

    [Fact]
    public void SyntheticFeed_SameSeed_SameBytes() =>
        Assert.Equal(SyntheticFeed.Generate(new SyntheticFeedOptions { Messages = 1_000 }), SyntheticFeed.Generate(new SyntheticFeedOptions { Messages = 1_000 }));
}
