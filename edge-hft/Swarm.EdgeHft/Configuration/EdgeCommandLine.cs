using System.Globalization;
using System.Net;

namespace Swarm.EdgeHft.Configuration;

/// <summary>The parsed command line.</summary>
/// <remarks>Options override the JSON configuration; every malformed option is an <see cref="EdgeConfigException"/>.</remarks>
public sealed record EdgeCommandLine
{
    /// <summary>Usage text.</summary>
    public const string Usage = """
        usage: Swarm.EdgeHft [options]

          --config <file>          JSON configuration (see docs/edge-hft.md)
          --replay <file>          replay a length-prefixed ITCH 5.0 file (overrides feed.mode)
          --udp <addr:port>        receive MoldUDP64 on this local address (overrides feed.mode)
          --multicast <group>      multicast group to join with --udp
          --xdp <if[:queue]>       receive the --udp port through AF_XDP on this interface and queue (root or
                                   CAP_NET_ADMIN+CAP_NET_RAW+CAP_BPF; falls back to the socket when unavailable)
          --rerequest <addr:port>  MoldUDP64 re-request server
          --gateway <host:port>    send OUCH 4.2 over SoupBinTCP to this gateway
          --simulate-exchange      start an in-process exchange simulator and trade against it
          --dry-run                send no orders (count them only)
          --risk <software|fpga>   pre-trade risk engine
          --metrics <addr:port>    metrics endpoint (or 'off')
          --report <file>          write the final metrics to this file at shutdown
          --cpu <n[,n...]>         pin the trading thread to these CPUs
          --validate               check the configuration and exit
          --generate-replay <file> write a synthetic ITCH replay file and exit
          --probe <url>            GET the URL (e.g. the /health endpoint); exit 0 on HTTP 200, 1 otherwise
          --messages <n>           size of the generated file (default 1000000)
          --help                   this text
          --version                version

        exit codes: 0 ok, 2 bad command line or configuration, 3 a resource (file, socket, gateway, card) failed,
                    4 internal error
        """;

    /// <summary>Configuration file.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>Replay file.</summary>
    public string? Replay { get; init; }

    /// <summary>UDP bind address.</summary>
    public string? Udp { get; init; }

    /// <summary>Multicast group.</summary>
    public string? Multicast { get; init; }

    /// <summary>AF_XDP interface.</summary>
    public string? Xdp { get; init; }

    /// <summary>AF_XDP queue.</summary>
    public int XdpQueue { get; init; }

    /// <summary>Re-request server.</summary>
    public string? Rerequest { get; init; }

    /// <summary>Gateway host:port.</summary>
    public string? Gateway { get; init; }

    /// <summary>Trade against the in-process simulator.</summary>
    public bool SimulateExchange { get; init; }

    /// <summary>Send nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>Risk engine.</summary>
    public string? Risk { get; init; }

    /// <summary>Metrics address or "off".</summary>
    public string? Metrics { get; init; }

    /// <summary>Shutdown report file.</summary>
    public string? Report { get; init; }

    /// <summary>CPUs to pin to.</summary>
    public IReadOnlyList<int>? Cpus { get; init; }

    /// <summary>Only validate.</summary>
    public bool ValidateOnly { get; init; }

    /// <summary>Generate a replay file here and exit.</summary>
    public string? GenerateReplay { get; init; }

    /// <summary>Health probe URL.</summary>
    public string? Probe { get; init; }

    /// <summary>Messages to generate.</summary>
    public int Messages { get; init; } = 1_000_000;

    /// <summary>Print usage.</summary>
    public bool Help { get; init; }

    /// <summary>Print the version.</summary>
    public bool Version { get; init; }

    /// <summary>Parses <paramref name="args"/>.</summary>
    /// <exception cref="EdgeConfigException">Unknown option, missing or malformed value.</exception>
    public static EdgeCommandLine Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var c = new EdgeCommandLine();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string Value()
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new EdgeConfigException($"option {arg} needs a value");
                }

                return args[++i];
            }

            c = arg switch
            {
                "--config" => c with { ConfigFile = Value() },
                "--replay" => c with { Replay = Value() },
                "--udp" => c with { Udp = Endpoint(arg, Value()) },
                "--multicast" => c with { Multicast = Address(arg, Value()) },
                "--xdp" => Value() is var x && x.Split(':') is [var name, var queue]
                    ? c with { Xdp = name, XdpQueue = int.TryParse(queue, NumberStyles.None, CultureInfo.InvariantCulture, out var q) ? q : throw new EdgeConfigException($"{arg} needs <interface>[:<queue number>]") }
                    : c with { Xdp = x },
                "--rerequest" => c with { Rerequest = Endpoint(arg, Value()) },
                "--gateway" => c with { Gateway = HostPort(arg, Value()) },
                "--simulate-exchange" => c with { SimulateExchange = true },
                "--dry-run" => c with { DryRun = true },
                "--risk" => c with { Risk = OneOf(arg, Value(), "software", "fpga") },
                "--metrics" => c with { Metrics = Value() is var m && m == "off" ? m : Endpoint(arg, m) },
                "--report" => c with { Report = Value() },
                "--cpu" => c with { Cpus = CpuList(arg, Value()) },
                "--validate" => c with { ValidateOnly = true },
                "--generate-replay" => c with { GenerateReplay = Value() },
                "--probe" => c with { Probe = Uri.TryCreate(Value(), UriKind.Absolute, out var uri) && uri.Scheme == "http" ? uri.ToString() : throw new EdgeConfigException($"{arg} needs an absolute http:// URL") },
                "--messages" => c with { Messages = PositiveInt(arg, Value()) },
                "--help" or "-h" => c with { Help = true },
                "--version" => c with { Version = true },
                _ => throw new EdgeConfigException($"unknown option '{arg}' (see --help)"),
            };
        }

        var outputs = (c.Gateway is not null ? 1 : 0) + (c.SimulateExchange ? 1 : 0) + (c.DryRun ? 1 : 0);
        if (outputs > 1)
        {
            throw new EdgeConfigException("choose one of --gateway, --simulate-exchange and --dry-run");
        }

        if (c.Replay is not null && c.Udp is not null)
        {
            throw new EdgeConfigException("choose one of --replay and --udp");
        }

        if (c.Replay is not null && c.Xdp is not null)
        {
            throw new EdgeConfigException("choose one of --replay and --xdp");
        }

        return c;
    }

    /// <summary>Applies the options over <paramref name="config"/>.</summary>
    public EdgeConfig ApplyTo(EdgeConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var feed = config.Feed;
        if (Replay is not null)
        {
            feed = feed with { Mode = "replay", ReplayFile = Replay };
        }

        if (Udp is not null)
        {
            feed = feed with { Mode = "udp", Bind = Udp };
        }

        if (Xdp is not null)
        {
            feed = feed with { Mode = "xdp", XdpInterface = Xdp, XdpQueue = XdpQueue };
        }

        if (Multicast is not null)
        {
            feed = feed with { MulticastGroup = Multicast };
        }

        if (Rerequest is not null)
        {
            feed = feed with { RerequestServer = Rerequest };
        }

        var gateway = config.Gateway;
        if (Gateway is not null)
        {
            var colon = Gateway.LastIndexOf(':');
            gateway = gateway with { Mode = "ouch", Host = Gateway[..colon], Port = int.Parse(Gateway[(colon + 1)..], CultureInfo.InvariantCulture) };
        }
        else if (SimulateExchange)
        {
            gateway = gateway with { Mode = "simulator" };
        }
        else if (DryRun)
        {
            gateway = gateway with { Mode = "none" };
        }

        var password = Environment.GetEnvironmentVariable("EDGE_GATEWAY_PASSWORD");
        if (!string.IsNullOrEmpty(password))
        {
            gateway = gateway with { Password = password };
        }

        return config with
        {
            Feed = feed,
            Gateway = gateway,
            Risk = Risk is null ? config.Risk : config.Risk with { Engine = Risk },
            Metrics = config.Metrics with
            {
                Listen = Metrics is null ? config.Metrics.Listen : Metrics == "off" ? "" : Metrics,
                ReportFile = Report ?? config.Metrics.ReportFile,
            },
            Host = Cpus is null ? config.Host : config.Host with { CpuAffinity = Cpus },
        };
    }

    private static string Endpoint(string option, string value) =>
        IPEndPoint.TryParse(value, out _) ? value : throw new EdgeConfigException($"{option} '{value}' is not address:port");

    private static string Address(string option, string value) =>
        IPAddress.TryParse(value, out _) ? value : throw new EdgeConfigException($"{option} '{value}' is not an IP address");

    private static string HostPort(string option, string value)
    {
        var colon = value.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(value[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65_535)
        {
            throw new EdgeConfigException($"{option} '{value}' is not host:port");
        }

        return value;
    }

    private static string OneOf(string option, string value, params string[] allowed) =>
        allowed.Contains(value) ? value : throw new EdgeConfigException($"{option} '{value}' must be one of {string.Join(", ", allowed)}");

    private static int PositiveInt(string option, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new EdgeConfigException($"{option} '{value}' is not a positive integer");

    private static int[] CpuList(string option, string value)
    {
        var parts = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var cpus = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out cpus[i]) || cpus[i] >= 1024)
            {
                throw new EdgeConfigException($"{option} '{value}' is not a list of CPU numbers like 2,3");
            }
        }

        return parts.Length == 0 ? throw new EdgeConfigException($"{option} needs at least one CPU") : cpus;
    }
}
