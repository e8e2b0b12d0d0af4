using Swarm.EdgeHft.Itch;

namespace Swarm.EdgeHft.Risk;

/// <summary>
/// The SEC Rule 15c3-5 pre-trade limits both risk engines enforce. Money is in 1/10,000 dollars (the ITCH/OUCH price
/// unit), so notional = price × shares needs no conversion; time is in nanoseconds.
/// </summary>
/// <remarks>
/// Boundaries are inclusive: an order exactly at a limit passes, one unit above fails. Credit is consumed by the
/// notional of every accepted order and given back only for the part that ends unfilled (cancelled or refused by the
/// exchange), so executed notional keeps counting against the threshold for the day.
/// </remarks>
public sealed record RiskLimits
{
    /// <summary>Largest accepted order size in shares.</summary>
    public uint MaxOrderShares { get; init; } = 10_000;

    /// <summary>Largest accepted order notional.</summary>
    public ulong MaxOrderNotional { get; init; } = 1_000_000UL * 10_000;

    /// <summary>Collar width around the reference price in basis points; 0 disables the collar.</summary>
    public uint PriceCollarBasisPoints { get; init; } = 500;

    /// <summary>Window in which an identical order is refused as a duplicate; 0 disables the check.</summary>
    public long DuplicateWindowNanos { get; init; } = 1_000_000_000;

    /// <summary>Orders an account may send within <see cref="RateWindowNanos"/>; 0 disables the throttle.</summary>
    public int MaxOrdersPerWindow { get; init; } = 100;

    /// <summary>Length of the sliding throttle window.</summary>
    public long RateWindowNanos { get; init; } = 1_000_000_000;

    /// <summary>Aggregate credit threshold of the firm.</summary>
    public ulong FirmCreditLimit { get; init; } = 50_000_000UL * 10_000;

    /// <summary>Credit threshold per account; the index is the account number, the length the number of accounts.</summary>
    public IReadOnlyList<ulong> AccountCreditLimits { get; init; } = [10_000_000UL * 10_000];

    /// <summary>Symbols that may not be traded.</summary>
    public IReadOnlyList<StockSymbol> RestrictedSymbols { get; init; } = [];

    /// <summary>How many accepted orders the duplicate check remembers (bounds memory; the rate throttle bounds how many can fall in a window).</summary>
    public int DuplicateMemory { get; init; } = 1_024;

    /// <summary>Describes every inconsistent setting; empty when the limits are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (AccountCreditLimits is null || AccountCreditLimits.Count == 0)
        {
            errors.Add("at least one account credit limit is required");
        }
        else if (AccountCreditLimits.Count > ushort.MaxValue)
        {
            errors.Add("at most 65535 accounts are supported");
        }

        if (MaxOrderShares == 0)
        {
            errors.Add("maxOrderShares must be positive");
        }

        if (MaxOrderNotional == 0)
        {
            errors.Add("maxOrderNotional must be positive");
        }

        if (PriceCollarBasisPoints > 100_000)
        {
            errors.Add("priceCollarBasisPoints must be at most 100000 (1000%)");
        }

        if (DuplicateWindowNanos < 0 || RateWindowNanos < 0)
        {
            errors.Add("time windows must not be negative");
        }

        if (MaxOrdersPerWindow < 0 || (MaxOrdersPerWindow > 0 && RateWindowNanos == 0))
        {
            errors.Add("maxOrdersPerWindow must be >= 0 and needs a positive rateWindow");
        }

        if (DuplicateMemory is < 1 or > 1 << 20)
        {
            errors.Add("duplicateMemory must be between 1 and 1048576");
        }

        if (RestrictedSymbols is null)
        {
            errors.Add("restrictedSymbols must be a list");
        }

        return errors;
    }
}
