namespace Swarm.EdgeHft.Risk.Fpga;

/// <summary>
/// Layout of the memory-mapped mailbox shared by host and card (one 64-byte cache line per field, so the two sides
/// never write the same line): request frame at 0, request doorbell u64 at 64, response frame at 128, response
/// doorbell u64 at 192. The host writes a request, then the doorbell (a new sequence); the card answers, then writes
/// the same value to the response doorbell.
/// </summary>
public static class RiskDeviceMailbox
{
    /// <summary>Offset of the request frame.</summary>
    public const int RequestOffset = 0;

    /// <summary>Offset of the request doorbell.</summary>
    public const int RequestDoorbellOffset = 64;

    /// <summary>Offset of the response frame.</summary>
    public const int ResponseOffset = 128;

    /// <summary>Offset of the response doorbell.</summary>
    public const int ResponseDoorbellOffset = 192;

    /// <summary>Bytes the mailbox occupies.</summary>
    public const int Length = 256;
}
