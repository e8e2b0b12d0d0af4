namespace Swarm.EdgeHft.Risk.Fpga;

/// <summary>Response status of the risk device protocol (byte 3 of a response frame).</summary>
public enum RiskDeviceStatus : byte
{
    /// <summary>Request carried out.</summary>
    Ok = 0,

    /// <summary>Bad magic, version or length.</summary>
    BadFrame = 1,

    /// <summary>Opcode not known to the card.</summary>
    UnknownOpcode = 2,

    /// <summary>Parameter id, account or value outside what the card supports.</summary>
    BadParameter = 3,

    /// <summary>A table on the card (restricted symbols, accounts) is full.</summary>
    CapacityExceeded = 4,
}
