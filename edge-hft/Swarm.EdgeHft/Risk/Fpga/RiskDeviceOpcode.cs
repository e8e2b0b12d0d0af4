namespace Swarm.EdgeHft.Risk.Fpga;

/// <summary>Request opcodes of the risk device protocol (byte 3 of a request frame).</summary>
public enum RiskDeviceOpcode : byte
{
    /// <summary>Check an order; the response carries the verdict. Accepted orders update the card's state.</summary>
    CheckOrder = 1,

    /// <summary>Give back credit: account in the account field, notional in the value field.</summary>
    Release = 2,

    /// <summary>Kill switch: value 1 engages, 0 releases.</summary>
    SetKillSwitch = 3,

    /// <summary>Set one limit: parameter id in the parameter field, value in the value field (account field for per-account limits).</summary>
    SetLimit = 4,

    /// <summary>Add a restricted symbol (symbol field).</summary>
    AddRestrictedSymbol = 5,

    /// <summary>Clear every limit, list and counter (the card's power-on state).</summary>
    Reset = 6,
}
