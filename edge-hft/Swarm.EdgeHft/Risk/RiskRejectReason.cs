namespace Swarm.EdgeHft.Risk;

/// <summary>Why pre-trade risk refused an order; values are in priority order (the lowest failing check is reported).</summary>
/// <remarks>The numeric values are part of the FPGA device protocol: do not renumber.</remarks>
public enum RiskRejectReason : byte
{
    /// <summary>Not rejected.</summary>
    None = 0,

    /// <summary>The kill switch is engaged: nothing may be sent.</summary>
    KillSwitch = 1,

    /// <summary>Zero shares, zero price or an unknown account.</summary>
    InvalidOrder = 2,

    /// <summary>The symbol is on the restricted list.</summary>
    RestrictedSymbol = 3,

    /// <summary>More shares than the per-order maximum.</summary>
    MaxOrderSize = 4,

    /// <summary>Price collar configured but no reference price known for the symbol.</summary>
    NoReferencePrice = 5,

    /// <summary>Price outside the collar around the reference price (fat finger).</summary>
    PriceCollar = 6,

    /// <summary>Notional above the per-order maximum.</summary>
    MaxNotional = 7,

    /// <summary>Same account, symbol, side, price and size as an order accepted within the duplicate window.</summary>
    DuplicateOrder = 8,

    /// <summary>The account already sent the maximum number of orders in the rate window.</summary>
    OrderRateExceeded = 9,

    /// <summary>The account's credit threshold would be exceeded.</summary>
    AccountCreditLimit = 10,

    /// <summary>The firm's aggregate credit threshold would be exceeded.</summary>
    FirmCreditLimit = 11,

    /// <summary>The risk device did not answer or answered out of protocol; the order is refused (fail closed).</summary>
    DeviceFault = 12,
}
