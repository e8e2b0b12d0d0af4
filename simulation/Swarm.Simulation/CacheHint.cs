using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Swarm.Simulation;

/// <summary>Software prefetch for hot loops that visit agents in random order over arrays larger than the caches.</summary>
/// <remarks>
/// A prefetch is only a hint: if the garbage collector moves the array after the address is
/// taken, the hint is wasted but nothing is read or written there. No-op where the CPU lacks it.
/// </remarks>
public static class CacheHint
{
    /// <summary>Asks the CPU to bring <c>array[index]</c> into all cache levels.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Prefetch<T>(T[] array, int index)
        where T : unmanaged
    {
        if (Sse.IsSupported && (uint)index < (uint)array.Length)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(array), index)));
        }
    }
}
