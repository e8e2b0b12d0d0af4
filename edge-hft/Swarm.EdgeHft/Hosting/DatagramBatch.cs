using System.Runtime.InteropServices;

namespace Swarm.EdgeHft.Hosting;

/// <summary>
/// Receives up to <see cref="Capacity"/> datagrams in one <c>recvmmsg(2)</c> call (Linux) into buffers allocated once
/// in native memory, so a burst of packets costs one system call instead of two per packet.
/// </summary>
/// <remarks>
/// Invariant: the message headers, their iovecs and the buffers are set up once and never move; only the kernel writes
/// the per-message lengths and flags, and a received datagram is valid until the next <see cref="Receive"/>.
/// </remarks>
internal sealed unsafe partial class DatagramBatch : IDisposable
{
    private const int MessageTruncated = 0x20;
    private readonly byte* _buffers;
    private readonly IoVector* _vectors;
    private readonly MultiMessageHeader* _headers;
    private readonly int _bufferBytes;
    private bool _disposed;

    public DatagramBatch(int capacity, int bufferBytes)
    {
        Capacity = capacity;
        _bufferBytes = bufferBytes;
        _buffers = (byte*)NativeMemory.AlignedAlloc((nuint)(capacity * bufferBytes), 64);
        _vectors = (IoVector*)NativeMemory.AllocZeroed((nuint)capacity, (nuint)sizeof(IoVector));
        _headers = (MultiMessageHeader*)NativeMemory.AllocZeroed((nuint)capacity, (nuint)sizeof(MultiMessageHeader));
        for (var i = 0; i < capacity; i++)
        {
            _vectors[i] = new IoVector { Base = _buffers + ((long)i * bufferBytes), Length = (nuint)bufferBytes };
            _headers[i].Header.Vectors = &_vectors[i];
            _headers[i].Header.VectorCount = 1;
        }
    }

    /// <summary>Most datagrams one call receives.</summary>
    public int Capacity { get; }

    /// <summary>Datagrams larger than a buffer (cut short and dropped).</summary>
    public long Truncated { get; private set; }

    /// <summary>Receives what is queued on <paramref name="fd"/> without waiting; returns how many datagrams (0 when none).</summary>
    public int Receive(nint fd)
    {
        const int dontWait = 0x40;
        var n = RecvMmsg((int)fd, _headers, (uint)Capacity, dontWait, null);
        return n > 0 ? n : 0;
    }

    /// <summary>Datagram <paramref name="index"/> of the last <see cref="Receive"/>; empty when it was truncated.</summary>
    public ReadOnlySpan<byte> Datagram(int index)
    {
        ref var header = ref _headers[index];
        if ((header.Header.Flags & MessageTruncated) != 0)
        {
            Truncated++;
            return default;
        }

        return new ReadOnlySpan<byte>(_buffers + ((long)index * _bufferBytes), (int)header.Length);
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            NativeMemory.AlignedFree(_buffers);
            NativeMemory.Free(_vectors);
            NativeMemory.Free(_headers);
        }
    }

    [LibraryImport("libc", EntryPoint = "recvmmsg", SetLastError = true)]
    private static partial int RecvMmsg(int fd, MultiMessageHeader* messages, uint count, int flags, void* timeout);

    [StructLayout(LayoutKind.Sequential)]
    private struct IoVector
    {
        public byte* Base;
        public nuint Length;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct MessageHeader
    {
        public void* Name;
        public uint NameLength;
        public IoVector* Vectors;
        public nuint VectorCount;
        public void* Control;
        public nuint ControlLength;
        public int Flags;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct MultiMessageHeader
    {
        public MessageHeader Header;
        public uint Length;
    }
}
