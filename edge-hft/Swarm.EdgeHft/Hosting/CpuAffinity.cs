using System.Runtime.InteropServices;

namespace Swarm.EdgeHft.Hosting;

/// <summary>Pins the calling thread to CPUs with Linux <c>sched_setaffinity(2)</c>.</summary>
/// <remarks>
/// With pid 0 the call applies to the calling thread only, which is what the trading thread wants: it keeps its CPU
/// (ideally one isolated with <c>isolcpus</c>/<c>nohz_full</c>) while the runtime's other threads stay elsewhere.
/// </remarks>
public static partial class CpuAffinity
{
    private const int MaskBytes = 128;

    /// <summary>Pins the calling thread to <paramref name="cpus"/>; false with the reason when the OS refuses.</summary>
    public static bool TryPinCurrentThread(IReadOnlyList<int> cpus, out string? error)
    {
        ArgumentNullException.ThrowIfNull(cpus);
        error = null;
        if (cpus.Count == 0)
        {
            return true;
        }

        if (!OperatingSystem.IsLinux())
        {
            error = "CPU pinning is implemented for Linux only";
            return false;
        }

        Span<byte> mask = stackalloc byte[MaskBytes];
        mask.Clear();
        foreach (var cpu in cpus)
        {
            if (cpu < 0 || cpu >= MaskBytes * 8)
            {
                error = $"CPU {cpu} is outside 0..{(MaskBytes * 8) - 1}";
                return false;
            }

            mask[cpu / 8] |= (byte)(1 << (cpu % 8));
        }

        if (SchedSetAffinity(0, (nuint)MaskBytes, ref MemoryMarshal.GetReference(mask)) != 0)
        {
            error = $"sched_setaffinity failed (errno {Marshal.GetLastPInvokeError()}); are CPUs {string.Join(',', cpus)} in this container's cpuset?";
            return false;
        }

        return true;
    }

    /// <summary>The CPUs the calling thread may run on (Linux), or an empty list when unknown.</summary>
    public static IReadOnlyList<int> CurrentThreadCpus()
    {
        if (!OperatingSystem.IsLinux())
        {
            return [];
        }

        Span<byte> mask = stackalloc byte[MaskBytes];
        if (SchedGetAffinity(0, (nuint)MaskBytes, ref MemoryMarshal.GetReference(mask)) != 0)
        {
            return [];
        }

        var cpus = new List<int>();
        for (var i = 0; i < MaskBytes * 8; i++)
        {
            if ((mask[i / 8] & (1 << (i % 8))) != 0)
            {
                cpus.Add(i);
            }
        }

        return cpus;
    }

    [LibraryImport("libc", EntryPoint = "sched_setaffinity", SetLastError = true)]
    private static partial int SchedSetAffinity(int pid, nuint size, ref byte mask);

    [LibraryImport("libc", EntryPoint = "sched_getaffinity", SetLastError = true)]
    private static partial int SchedGetAffinity(int pid, nuint size, ref byte mask);
}
