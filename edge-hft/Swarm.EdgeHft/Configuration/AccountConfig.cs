namespace Swarm.EdgeHft.Configuration;

/// <summary>A trading account and its credit threshold.</summary>
public sealed record AccountConfig
{
    /// <summary>Account name (referenced by the strategy).</summary>
    public string Name { get; init; } = "main";

    /// <summary>Credit threshold, dollars.</summary>
    public decimal CreditLimitDollars { get; init; } = 10_000_000m;
}
