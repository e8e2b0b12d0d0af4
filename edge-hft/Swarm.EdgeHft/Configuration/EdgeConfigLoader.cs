using System.Net;
using System.Text.Json;
using Swarm.EdgeHft.Itch;
using Swarm.EdgeHft.Risk;

namespace Swarm.EdgeHft.Configuration;

/// <summary>Reads, validates and converts the configuration.</summary>
public static class EdgeConfigLoader
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <exception cref="EdgeConfigException">Missing, unreadable or invalid JSON, with file and position.</exception>
    public static EdgeConfig Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new EdgeConfigException($"Cannot read config file '{path}': {e.Message}", e);
        }

        return Parse(text, path);
    }

    /// <summary>Parses JSON text; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="EdgeConfigException">Invalid JSON or unknown/ill-typed settings.</exception>
    public static EdgeConfig Parse(string text, string source = "config")
    {
        try
        {
            return JsonSerializer.Deserialize<EdgeConfig>(text, Json) ?? throw new EdgeConfigException($"{source}: the file is empty (null).");
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1}, at '{e.Path}')" : "";
            throw new EdgeConfigException($"{source}: invalid configuration{where}: {FirstSentence(e.Message)}", e);
        }
    }

    /// <summary>Every problem with <paramref name="config"/>, phrased for the operator; empty when usable.</summary>
    public static IReadOnlyList<string> Validate(EdgeConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var errors = new List<string>();
        switch (config.Feed.Mode)
        {
            case "replay":
                if (string.IsNullOrWhiteSpace(config.Feed.ReplayFile))
                {
                    errors.Add("feed.replayFile is required for feed.mode 'replay' (or pass --replay <file>)");
                }
                else if (!File.Exists(config.Feed.ReplayFile))
                {
                    errors.Add($"feed.replayFile '{config.Feed.ReplayFile}' does not exist");
                }

                break;
            case "udp" or "xdp":
                if (!IPEndPoint.TryParse(config.Feed.Bind, out _))
                {
                    errors.Add($"feed.bind '{config.Feed.Bind}' is not address:port");
                }

                CheckAddress(errors, "feed.multicastGroup", config.Feed.MulticastGroup);
                CheckAddress(errors, "feed.multicastInterface", config.Feed.MulticastInterface);
                if (config.Feed.RerequestServer is not null && !IPEndPoint.TryParse(config.Feed.RerequestServer, out _))
                {
                    errors.Add($"feed.rerequestServer '{config.Feed.RerequestServer}' is not address:port");
                }

                if (config.Feed.Mode == "xdp")
                {
                    if (string.IsNullOrWhiteSpace(config.Feed.XdpInterface))
                    {
                        errors.Add("feed.xdpInterface is required for feed.mode 'xdp' (or pass --xdp <interface>)");
                    }

                    if (config.Feed.XdpQueue < 0)
                    {
                        errors.Add("feed.xdpQueue must be 0 or more");
                    }

                    if (config.Feed.XdpMode is not ("auto" or "native" or "generic"))
                    {
                        errors.Add($"feed.xdpMode '{config.Feed.XdpMode}' is not 'auto', 'native' or 'generic'");
                    }

                    if (config.Feed.XdpFrames < 64 || (config.Feed.XdpFrames & (config.Feed.XdpFrames - 1)) != 0)
                    {
                        errors.Add("feed.xdpFrames must be a power of two, at least 64");
                    }
                }

                break;
            default:
                errors.Add($"feed.mode '{config.Feed.Mode}' is not 'replay', 'udp' or 'xdp'");
                break;
        }

        if (config.Feed.Session is { Length: > 10 })
        {
            errors.Add("feed.session is at most 10 characters");
        }

        switch (config.Gateway.Mode)
        {
            case "none" or "simulator":
                break;
            case "ouch":
                if (config.Gateway.Port is <= 0 or > 65_535)
                {
                    errors.Add("gateway.port must be 1-65535 for gateway.mode 'ouch'");
                }

                if (config.Gateway.Username.Length > 6 || config.Gateway.Password.Length > 10 || config.Gateway.Session.Length > 10)
                {
                    errors.Add("gateway username/password/session are at most 6/10/10 characters (SoupBinTCP)");
                }

                break;
            default:
                errors.Add($"gateway.mode '{config.Gateway.Mode}' is not 'none', 'ouch' or 'simulator'");
                break;
        }

        if (config.Gateway.Firm.Length > 4 || !System.Text.Ascii.IsValid(config.Gateway.Firm))
        {
            errors.Add("gateway.firm is at most 4 ASCII characters");
        }

        if (!System.Text.Ascii.IsValid(config.Gateway.Username + config.Gateway.Password + config.Gateway.Session))
        {
            errors.Add("gateway username, password and session must be ASCII (SoupBinTCP)");
        }

        if (config.Risk.Engine is not ("software" or "fpga"))
        {
            errors.Add($"risk.engine '{config.Risk.Engine}' is not 'software' or 'fpga'");
        }

        if (config.Risk.Engine == "fpga")
        {
            var d = config.Risk.Device;
            if (d.Transport is not ("simulated" or "mmap" or "tcp" or "unix"))
            {
                errors.Add($"risk.device.transport '{d.Transport}' is not 'simulated', 'mmap', 'tcp' or 'unix'");
            }
            else if (d.Transport is "mmap" or "unix" && string.IsNullOrWhiteSpace(d.Path))
            {
                errors.Add($"risk.device.path is required for transport '{d.Transport}'");
            }
            else if (d.Transport == "tcp" && d.Port is <= 0 or > 65_535)
            {
                errors.Add("risk.device.port must be 1-65535 for transport 'tcp'");
            }
        }

        if (config.Risk.Accounts.Count == 0)
        {
            errors.Add("risk.accounts needs at least one account");
        }

        if (config.Risk.Accounts.Select(a => a.Name).Distinct(StringComparer.Ordinal).Count() != config.Risk.Accounts.Count)
        {
            errors.Add("risk.accounts names must be unique");
        }

        foreach (var symbol in config.Risk.RestrictedSymbols.Concat(config.Strategy.Symbols))
        {
            if (!StockSymbol.TryParse(symbol, out _))
            {
                errors.Add($"'{symbol}' is not a stock symbol (1-8 printable ASCII characters)");
            }
        }

        if (config.Risk.MaxOrderNotionalDollars <= 0 || config.Risk.FirmCreditLimitDollars < 0 || config.Risk.Accounts.Any(a => a.CreditLimitDollars < 0)
            || config.Risk.MaxOrderNotionalDollars > 1e14m || config.Risk.FirmCreditLimitDollars > 1e14m || config.Risk.Accounts.Any(a => a.CreditLimitDollars > 1e14m))
        {
            errors.Add("risk dollar limits must be positive (notional) / non-negative (credit) and at most 1e14");
        }

        if (config.Risk.DuplicateWindowMilliseconds < 0 || config.Risk.RateWindowMilliseconds < 0)
        {
            errors.Add("risk windows must not be negative");
        }

        if (config.Strategy.Name != "imbalance")
        {
            errors.Add($"strategy.name '{config.Strategy.Name}' is unknown (built in: 'imbalance')");
        }

        if (config.Risk.Accounts.All(a => a.Name != config.Strategy.Account))
        {
            errors.Add($"strategy.account '{config.Strategy.Account}' is not one of risk.accounts");
        }

        if (config.Strategy.Threshold is <= 0 or > 1 || config.Strategy.Shares == 0 || config.Strategy.CooldownMicroseconds < 0)
        {
            errors.Add("strategy.threshold must be in (0, 1], shares positive, cooldownMicroseconds non-negative");
        }

        if (config.Host.CpuAffinity.Any(c => c is < 0 or >= 1024))
        {
            errors.Add("host.cpuAffinity entries must be CPU numbers 0-1023");
        }

        if (config.Host.ExpectedBookOrders is < 1 or > 1 << 28 || config.Host.WarmupMessages < 0 || config.Host.NoGcRegionMegabytes is < 0 or > 4096)
        {
            errors.Add("host.expectedBookOrders must be 1..2^28, warmupMessages >= 0, noGcRegionMegabytes 0..4096");
        }

        if (!string.IsNullOrEmpty(config.Metrics.Listen) && !IPEndPoint.TryParse(config.Metrics.Listen, out _))
        {
            errors.Add($"metrics.listen '{config.Metrics.Listen}' is not address:port (or empty to disable)");
        }

        if (errors.Count == 0)
        {
            errors.AddRange(ToRiskLimits(config.Risk).Validate().Select(e => "risk: " + e));
        }

        return errors;
    }

    /// <summary>Converts the dollar/millisecond settings to engine units.</summary>
    public static RiskLimits ToRiskLimits(RiskConfig risk)
    {
        ArgumentNullException.ThrowIfNull(risk);
        return new RiskLimits
        {
            MaxOrderShares = risk.MaxOrderShares,
            MaxOrderNotional = Units(risk.MaxOrderNotionalDollars),
            PriceCollarBasisPoints = risk.PriceCollarBasisPoints,
            DuplicateWindowNanos = (long)(risk.DuplicateWindowMilliseconds * 1e6),
            MaxOrdersPerWindow = risk.MaxOrdersPerWindow,
            RateWindowNanos = (long)(risk.RateWindowMilliseconds * 1e6),
            FirmCreditLimit = Units(risk.FirmCreditLimitDollars),
            AccountCreditLimits = [.. risk.Accounts.Select(a => Units(a.CreditLimitDollars))],
            RestrictedSymbols = [.. risk.RestrictedSymbols.Select(StockSymbol.Parse)],
        };
    }

    private static ulong Units(decimal dollars) => dollars <= 0 ? 0 : (ulong)decimal.Round(dollars * 10_000m);

    private static void CheckAddress(List<string> errors, string name, string? value)
    {
        if (value is not null && !IPAddress.TryParse(value, out _))
        {
            errors.Add($"{name} '{value}' is not an IP address");
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". Path:", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }
}
