namespace Swarm.EdgeHft.Configuration;

/// <summary>The strategy to run and its parameters.</summary>
public sealed record StrategyConfig
{
    /// <summary>Strategy name; <c>imbalance</c> is built in.</summary>
    public string Name { get; init; } = "imbalance";

    /// <summary>Risk account it trades for.</summary>
    public string Account { get; init; } = "main";

    /// <summary>Symbols traded (empty = all).</summary>
    public IReadOnlyList<string> Symbols { get; init; } = [];

    /// <summary>Imbalance threshold in (0, 1].</summary>
    public double Threshold { get; init; } = 0.8;

    /// <summary>Shares per order.</summary>
    public uint Shares { get; init; } = 100;

    /// <summary>Cooldown per symbol, feed microseconds.</summary>
    public double CooldownMicroseconds { get; init; } = 1_000;

    /// <summary>Least combined top-of-book size.</summary>
    public long MinimumTopSize { get; init; } = 200;
}
