using Swarm.EdgeHft.Risk.Fpga;

namespace Swarm.EdgeHft.Simulation;

/// <summary>Hands frames straight to a <see cref="SimulatedRiskDevice"/> in the same process (tests, benchmarks, dry runs).</summary>
public sealed class InProcessRiskDeviceTransport(SimulatedRiskDevice device) : IRiskDeviceTransport
{
    /// <inheritdoc />
    public void Exchange(ReadOnlySpan<byte> request, Span<byte> response) => device.Process(request, response);

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
