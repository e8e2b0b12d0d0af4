namespace Swarm.EdgeHft.Strategy;

/// <summary>Parameters of <see cref="ImbalanceStrategy"/>.</summary>
public sealed record ImbalanceStrategyOptions
{
    /// <summary>Symbols traded; empty = every symbol.</summary>
    public IReadOnlyList<string> Symbols { get; init; } = [];

    /// <summary>Top-of-book imbalance (bid size − ask size) / (bid size + ask size) that triggers, in (0, 1].</summary>
    public double Threshold { get; init; } = 0.8;

    /// <summary>Shares per order.</summary>
    public uint Shares { get; init; } = 100;

    /// <summary>Least time between two orders in one symbol, in feed nanoseconds.</summary>
    public long CooldownNanos { get; init; } = 1_000_000;

    /// <summary>Least combined top-of-book size for the signal to count.</summary>
    public long MinimumTopSize { get; init; } = 200;
}
