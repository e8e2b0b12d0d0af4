using System.Diagnostics;
using System.IO.MemoryMappedFiles;

namespace Swarm.EdgeHft.Risk.Fpga;

/// <summary>
/// Reaches the risk card through a memory-mapped mailbox (see <see cref="RiskDeviceMailbox"/>): a PCIe BAR exposed by
/// the card's UIO/VFIO driver, or a shared-memory file served by the simulated device. The host spins on the response
/// doorbell — no system call on the round trip.
/// </summary>
public sealed unsafe class MemoryMappedRiskDeviceTransport : IRiskDeviceTransport
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _base;
    private readonly long _timeoutTicks;
    private ulong _doorbell;

    /// <summary>Maps <paramref name="path"/> (created at <see cref="RiskDeviceMailbox.Length"/> bytes when absent).</summary>
    /// <exception cref="RiskDeviceException">The file cannot be mapped.</exception>
    public MemoryMappedRiskDeviceTransport(string path, TimeSpan timeout)
    {
        try
        {
            _file = MemoryMappedFile.CreateFromFile(path, FileMode.OpenOrCreate, null, RiskDeviceMailbox.Length, MemoryMappedFileAccess.ReadWrite);
            _view = _file.CreateViewAccessor(0, RiskDeviceMailbox.Length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            _file?.Dispose();
            throw new RiskDeviceException($"Cannot map the risk card mailbox '{path}': {e.Message}", e);
        }

        byte* pointer = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        _base = pointer + _view.PointerOffset;
        _timeoutTicks = (long)(timeout.TotalSeconds * Stopwatch.Frequency);

        // Resume after whatever a previous host left in the doorbell, so a stale answer is never taken for ours.
        _doorbell = Math.Max(Volatile.Read(ref *(ulong*)(_base + RiskDeviceMailbox.RequestDoorbellOffset)), Volatile.Read(ref *(ulong*)(_base + RiskDeviceMailbox.ResponseDoorbellOffset)));
    }

    /// <inheritdoc />
    public void Exchange(ReadOnlySpan<byte> request, Span<byte> response)
    {
        request[..RiskDeviceProtocol.RequestLength].CopyTo(new Span<byte>(_base + RiskDeviceMailbox.RequestOffset, RiskDeviceProtocol.RequestLength));
        var ticket = ++_doorbell;

        // Volatile.Write is a release: the request bytes are visible before the doorbell that announces them.
        Volatile.Write(ref *(ulong*)(_base + RiskDeviceMailbox.RequestDoorbellOffset), ticket);
        var responseDoorbell = (ulong*)(_base + RiskDeviceMailbox.ResponseDoorbellOffset);
        var start = Stopwatch.GetTimestamp();
        var spins = 0;
        while (Volatile.Read(ref *responseDoorbell) != ticket)
        {
            if ((++spins & 1023) == 0 && Stopwatch.GetTimestamp() - start > _timeoutTicks)
            {
                throw new RiskDeviceException("The risk card did not answer in time.");
            }

            Thread.SpinWait(1);
        }

        new ReadOnlySpan<byte>(_base + RiskDeviceMailbox.ResponseOffset, RiskDeviceProtocol.ResponseLength).CopyTo(response);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
    }
}
