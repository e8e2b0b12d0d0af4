using System.Runtime.InteropServices;

namespace Swarm.Bench;

/// <summary>
/// CPU time of the calling thread (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>), reported next to wall time
/// so that runs on a shared, busy machine can be told apart from slow code.
/// </summary>
internal static class SimulationThreadClock
{
    private const int ClockThreadCpuTimeId = 3;

    /// <summary>Whether thread CPU time can be read on this platform.</summary>
    public static bool IsSupported => OperatingSystem.IsLinux();

    /// <summary>Thread CPU time in nanoseconds (0 where unsupported).</summary>
    public static long NowNanoseconds()
    {
        if (!IsSupported || ClockGetTime(ClockThreadCpuTimeId, out var time) != 0)
        {
            return 0;
        }

        return (time.Seconds * 1_000_000_000L) + time.Nanoseconds;
    }

    // DllImport rather than LibraryImport: the generated marshaller needs unsafe code, which this project does not enable.
    [DllImport("libc", EntryPoint = "clock_gettime")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int ClockGetTime(int clockId, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
