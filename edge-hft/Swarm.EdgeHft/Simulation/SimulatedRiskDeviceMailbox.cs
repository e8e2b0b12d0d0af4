using System.IO.MemoryMappedFiles;
using Swarm.EdgeHft.Risk.Fpga;

namespace Swarm.EdgeHft.Simulation;

/// <summary>
/// Serves a <see cref="SimulatedRiskDevice"/> through a memory-mapped mailbox file (see <see cref="RiskDeviceMailbox"/>):
/// a thread polls the request doorbell as the card's command engine would.
/// </summary>
public sealed unsafe class SimulatedRiskDeviceMailbox : IDisposable
{
    private readonly SimulatedRiskDevice _device;
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _base;
    private readonly Thread _thread;
    private volatile bool _stopping;

    /// <summary>Maps <paramref name="path"/> (created when absent) and starts polling.</summary>
    public SimulatedRiskDeviceMailbox(SimulatedRiskDevice device, string path)
    {
        _device = device;
        _file = MemoryMappedFile.CreateFromFile(path, FileMode.OpenOrCreate, null, RiskDeviceMailbox.Length, MemoryMappedFileAccess.ReadWrite);
        _view = _file.CreateViewAccessor(0, RiskDeviceMailbox.Length);
        byte* pointer = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        _base = pointer + _view.PointerOffset;
        _thread = new Thread(Poll) { IsBackground = true, Name = "risk-device-mailbox" };
        _thread.Start();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stopping = true;
        _thread.Join(TimeSpan.FromSeconds(5));
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
    }

    private void Poll()
    {
        var requestDoorbell = (ulong*)(_base + RiskDeviceMailbox.RequestDoorbellOffset);
        var responseDoorbell = (ulong*)(_base + RiskDeviceMailbox.ResponseDoorbellOffset);
        // A request is pending while the request doorbell differs from the last answer; starting from the request
        // doorbell instead would miss a request the host rang before this thread first ran.
        var seen = Volatile.Read(ref *responseDoorbell);
        var spinner = default(SpinWait);
        while (!_stopping)
        {
            var ticket = Volatile.Read(ref *requestDoorbell);
            if (ticket == seen)
            {
                // Yielding after a short spin keeps a simulated card from starving a small machine.
                spinner.SpinOnce(sleep1Threshold: -1);
                continue;
            }

            spinner.Reset();
            seen = ticket;
            _device.Process(
                new ReadOnlySpan<byte>(_base + RiskDeviceMailbox.RequestOffset, RiskDeviceProtocol.RequestLength),
                new Span<byte>(_base + RiskDeviceMailbox.ResponseOffset, RiskDeviceProtocol.ResponseLength));
            Volatile.Write(ref *responseDoorbell, ticket);
        }
    }
}
