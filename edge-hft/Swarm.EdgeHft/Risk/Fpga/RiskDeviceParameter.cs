namespace Swarm.EdgeHft.Risk.Fpga;

/// <summary>Limit parameter ids for <see cref="RiskDeviceOpcode.SetLimit"/>.</summary>
public enum RiskDeviceParameter : ushort
{
    /// <summary>Number of accounts (must be set before per-account limits).</summary>
    AccountCount = 1,

    /// <summary>Max shares per order.</summary>
    MaxOrderShares = 2,

    /// <summary>Max notional per order (1/10,000 dollars).</summary>
    MaxOrderNotional = 3,

    /// <summary>Price collar in basis points (0 = off).</summary>
    PriceCollarBasisPoints = 4,

    /// <summary>Duplicate window in nanoseconds (0 = off).</summary>
    DuplicateWindowNanos = 5,

    /// <summary>Entries of the duplicate memory in use (at most the card's capacity).</summary>
    DuplicateMemory = 6,

    /// <summary>Orders per rate window per account (0 = off).</summary>
    MaxOrdersPerWindow = 7,

    /// <summary>Rate window in nanoseconds.</summary>
    RateWindowNanos = 8,

    /// <summary>Firm credit threshold.</summary>
    FirmCreditLimit = 9,

    /// <summary>Credit threshold of the account in the account field.</summary>
    AccountCreditLimit = 10,
}
