namespace Swarm.EdgeHft.Risk.Fpga;

/// <summary>Carries one request frame to the risk card and its response back (memory-mapped mailbox, socket, or in-process).</summary>
/// <remarks>Called from one thread at a time; must not allocate on success.</remarks>
public interface IRiskDeviceTransport : IDisposable
{
    /// <summary>Sends <paramref name="request"/> and waits for the response.</summary>
    /// <exception cref="RiskDeviceException">The card did not answer in time or the link failed.</exception>
    void Exchange(ReadOnlySpan<byte> request, Span<byte> response);
}
