using System.Runtime.InteropServices;

namespace Swarm.Bench;

/// <summary><c>struct timespec</c> on 64-bit Linux.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct EdgeTimespec
{
    public long Seconds;
    public long Nanoseconds;
}
