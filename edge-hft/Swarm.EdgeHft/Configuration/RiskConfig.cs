namespace Swarm.EdgeHft.Configuration;

/// <summary>Pre-trade risk (SEC Rule 15c3-5) settings, in dollars, shares and milliseconds.</summary>
public sealed record RiskConfig
{
    /// <summary><c>software</c> or <c>fpga</c>.</summary>
    public string Engine { get; init; } = "software";

    /// <summary>How to reach the card for <c>fpga</c>.</summary>
    public RiskDeviceConfig Device { get; init; } = new();

    /// <summary>Max shares per order.</summary>
    public uint MaxOrderShares { get; init; } = 10_000;

    /// <summary>Max notional per order, dollars.</summary>
    public decimal MaxOrderNotionalDollars { get; init; } = 1_000_000m;

    /// <summary>Collar around the reference price, basis points (0 = off).</summary>
    public uint PriceCollarBasisPoints { get; init; } = 500;

    /// <summary>Duplicate window (0 = off).</summary>
    public double DuplicateWindowMilliseconds { get; init; } = 1_000;

    /// <summary>Orders per account per rate window (0 = off).</summary>
    public int MaxOrdersPerWindow { get; init; } = 100;

    /// <summary>Rate window.</summary>
    public double RateWindowMilliseconds { get; init; } = 1_000;

    /// <summary>Firm credit threshold, dollars.</summary>
    public decimal FirmCreditLimitDollars { get; init; } = 50_000_000m;

    /// <summary>Trading accounts with their credit thresholds.</summary>
    public IReadOnlyList<AccountConfig> Accounts { get; init; } = [new AccountConfig()];

    /// <summary>Symbols that may not be traded.</summary>
    public IReadOnlyList<string> RestrictedSymbols { get; init; } = [];

    /// <summary>Start with the kill switch engaged.</summary>
    public bool KillSwitchAtStart { get; init; }
}
