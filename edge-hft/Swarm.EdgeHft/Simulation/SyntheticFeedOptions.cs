namespace Swarm.EdgeHft.Simulation;

/// <summary>Shape of a synthetic ITCH feed.</summary>
public sealed record SyntheticFeedOptions
{
    /// <summary>Order messages to generate (after the directory and system events).</summary>
    public int Messages { get; init; } = 1_000_000;

    /// <summary>Number of symbols (SYM0001 ...; or <see cref="SymbolNames"/>).</summary>
    public int Symbols { get; init; } = 8;

    /// <summary>Explicit symbol names; overrides <see cref="Symbols"/> when not empty.</summary>
    public IReadOnlyList<string> SymbolNames { get; init; } = [];

    /// <summary>Random seed (same seed, same feed).</summary>
    public int Seed { get; init; } = 20_240_601;

    /// <summary>Starting mid price in dollars.</summary>
    public decimal StartPrice { get; init; } = 100m;

    /// <summary>Live orders per symbol above which the generator prefers removing orders.</summary>
    public int TargetOrdersPerSymbol { get; init; } = 400;
}
