using System.Runtime.Intrinsics.X86;

namespace Swarm.EdgeHft.Xdp;

/// <summary>
/// An AF_XDP socket bound to one receive queue of an interface, with its UMEM (the frame memory shared with the
/// kernel) and its fill, completion and RX rings. Receive only.
/// </summary>
/// <remarks>
/// Invariant: every UMEM frame is in exactly one place — the fill ring, the kernel (being written), the RX ring, or
/// the caller's hands between <see cref="Peek"/> and <see cref="Release"/>. The fill ring has as many entries as there
/// are frames, so handing a frame back can never find it full, and the receive path never allocates or blocks.
/// Single-threaded: one thread peeks and releases.
/// </remarks>
public sealed unsafe class XdpSocket : IDisposable
{
    private readonly int _fd;
    private readonly nint _umem;
    private readonly nuint _umemBytes;
    private readonly nint _rxMap;
    private readonly nuint _rxMapBytes;
    private readonly nint _fillMap;
    private readonly nuint _fillMapBytes;
    private readonly nint _completionMap;
    private readonly nuint _completionMapBytes;
    private readonly XskRing _rx;
    private readonly XskRing _fill;
    private readonly ulong _frameMask;
    private bool _disposed;

    /// <summary>Creates the socket and binds it to <paramref name="interfaceIndex"/> queue <paramref name="queueId"/>.</summary>
    /// <param name="interfaceIndex">The interface, in the calling thread's network namespace.</param>
    /// <param name="queueId">The receive queue.</param>
    /// <param name="frames">UMEM frames (a power of two); also the fill ring size.</param>
    /// <param name="frameSize">Bytes per frame: 2048 or 4096.</param>
    /// <param name="zeroCopy">Ask for zero-copy (the driver DMAs into the UMEM); false forces copy mode.</param>
    /// <param name="hugePages">Try to back the UMEM with 2 MB pages (falls back to normal pages).</param>
    /// <exception cref="XdpUnavailableException">A step failed; the message names it and the errno.</exception>
    public XdpSocket(uint interfaceIndex, uint queueId, int frames, int frameSize, bool zeroCopy, bool hugePages)
    {
        if (frames <= 0 || (frames & (frames - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(frames), frames, "The frame count must be a power of two.");
        }

        if (frameSize is not (2048 or 4096))
        {
            throw new ArgumentOutOfRangeException(nameof(frameSize), frameSize, "A frame is 2048 or 4096 bytes.");
        }

        Frames = frames;
        FrameSize = frameSize;
        _frameMask = ~((ulong)frameSize - 1);
        _fd = LinuxNative.Socket(LinuxNative.AfXdp, LinuxNative.SockRaw, 0);
        if (_fd < 0)
        {
            throw Failure("socket(AF_XDP)");
        }

        try
        {
            _umemBytes = (nuint)((long)frames * frameSize);
            _umem = MapUmem(_umemBytes, hugePages, out var huge);
            HugePages = huge;
            var reg = new LinuxNative.UmemReg { Address = (ulong)_umem, Length = _umemBytes, ChunkSize = (uint)frameSize };
            SetOption(LinuxNative.XdpUmemReg, &reg, (uint)sizeof(LinuxNative.UmemReg), "setsockopt(XDP_UMEM_REG)");
            var fillEntries = (uint)frames;
            var rxEntries = (uint)frames;
            var completionEntries = 64u;
            SetOption(LinuxNative.XdpUmemFillRing, &fillEntries, sizeof(uint), "setsockopt(XDP_UMEM_FILL_RING)");
            SetOption(LinuxNative.XdpUmemCompletionRing, &completionEntries, sizeof(uint), "setsockopt(XDP_UMEM_COMPLETION_RING)");
            SetOption(LinuxNative.XdpRxRing, &rxEntries, sizeof(uint), "setsockopt(XDP_RX_RING)");

            LinuxNative.MmapOffsets offsets;
            var length = (uint)sizeof(LinuxNative.MmapOffsets);
            if (LinuxNative.GetSockOpt(_fd, LinuxNative.SolXdp, LinuxNative.XdpMmapOffsets, &offsets, &length) != 0)
            {
                throw Failure("getsockopt(XDP_MMAP_OFFSETS)");
            }

            _rxMapBytes = (nuint)(offsets.Rx.Desc + (rxEntries * (ulong)sizeof(LinuxNative.XdpDesc)));
            _rxMap = MapRing(_rxMapBytes, LinuxNative.XdpPgoffRxRing, "mmap(RX ring)");
            _fillMapBytes = (nuint)(offsets.Fill.Desc + (fillEntries * sizeof(ulong)));
            _fillMap = MapRing(_fillMapBytes, LinuxNative.XdpUmemPgoffFillRing, "mmap(fill ring)");
            _completionMapBytes = (nuint)(offsets.Completion.Desc + (completionEntries * sizeof(ulong)));
            _completionMap = MapRing(_completionMapBytes, LinuxNative.XdpUmemPgoffCompletionRing, "mmap(completion ring)");
            _rx = new XskRing(_rxMap, offsets.Rx, rxEntries);
            _fill = new XskRing(_fillMap, offsets.Fill, fillEntries);

            // Every frame starts in the fill ring.
            var reserved = _fill.Reserve(fillEntries, out var first);
            for (var i = 0u; i < reserved; i++)
            {
                ((ulong*)_fill.Entries)[_fill.Slot(first + i)] = i * (ulong)frameSize;
            }

            _fill.Submit(reserved);

            var address = new LinuxNative.SockaddrXdp
            {
                Family = LinuxNative.AfXdp,
                Flags = (ushort)((zeroCopy ? LinuxNative.XdpZeroCopy : LinuxNative.XdpCopy) | LinuxNative.XdpUseNeedWakeup),
                InterfaceIndex = interfaceIndex,
                QueueId = queueId,
            };
            if (LinuxNative.Bind(_fd, &address, (uint)sizeof(LinuxNative.SockaddrXdp)) != 0)
            {
                throw Failure(zeroCopy ? "bind(AF_XDP, zero-copy)" : "bind(AF_XDP, copy)");
            }

            ZeroCopy = zeroCopy;
        }
        catch
        {
            Free();
            throw;
        }
    }

    /// <summary>The socket's file descriptor (for the XSKMAP and for poll).</summary>
    public int Fd => _fd;

    /// <summary>True when bound in zero-copy mode.</summary>
    public bool ZeroCopy { get; }

    /// <summary>True when the UMEM is in 2 MB pages.</summary>
    public bool HugePages { get; }

    /// <summary>Number of UMEM frames.</summary>
    public int Frames { get; }

    /// <summary>Bytes per frame.</summary>
    public int FrameSize { get; }

    /// <summary>System calls made because the kernel asked to be woken to refill (XDP_USE_NEED_WAKEUP).</summary>
    public long Wakeups { get; private set; }

    /// <summary>How many received frames, up to <paramref name="max"/>, are ready; read them with <see cref="Frame"/>.</summary>
    public uint Peek(uint max, out uint first) => _rx.Peek(max, out first);

    /// <summary>The frame at free-running RX position <paramref name="position"/> (valid until <see cref="Release"/>).</summary>
    public ReadOnlySpan<byte> Frame(uint position)
    {
        ref var desc = ref ((LinuxNative.XdpDesc*)_rx.Entries)[_rx.Slot(position)];
        return new ReadOnlySpan<byte>((byte*)(_umem + (nint)desc.Address), (int)desc.Length);
    }

    /// <summary>
    /// Starts loading every cache line of the frame at <paramref name="position"/>. The frame was written by another
    /// core (the kernel's copy, or the NIC's DMA), and the MoldUDP64 walk reads it through a chain of lengths, one
    /// dependent miss per line; asking for all lines first lets the misses overlap.
    /// </summary>
    public void Prefetch(uint position)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        ref var desc = ref ((LinuxNative.XdpDesc*)_rx.Entries)[_rx.Slot(position)];
        var frame = (byte*)(_umem + (nint)desc.Address);
        for (var offset = 0u; offset < desc.Length; offset += 64)
        {
            Sse.Prefetch0(frame + offset);
        }
    }

    /// <summary>Hands the <paramref name="count"/> frames from <paramref name="first"/> back to the kernel through the fill ring.</summary>
    public void Release(uint first, uint count)
    {
        if (count == 0)
        {
            return;
        }

        // Cannot come back short: the fill ring holds every frame (see the invariant).
        _fill.Reserve(count, out var fillFirst);
        var descs = (LinuxNative.XdpDesc*)_rx.Entries;
        var fills = (ulong*)_fill.Entries;
        for (var i = 0u; i < count; i++)
        {
            fills[_fill.Slot(fillFirst + i)] = descs[_rx.Slot(first + i)].Address & _frameMask;
        }

        _fill.Submit(count);
        _rx.Release(count);
        if (_fill.NeedsWakeup)
        {
            Wakeups++;
            LinuxNative.RecvFrom(_fd, null, 0, LinuxNative.MsgDontWait, null, null);
        }
    }

    /// <summary>The kernel's counters for this socket.</summary>
    public XdpSocketStatistics ReadStatistics()
    {
        var values = stackalloc ulong[6];
        var length = 6u * sizeof(ulong);
        if (LinuxNative.GetSockOpt(_fd, LinuxNative.SolXdp, LinuxNative.XdpStatistics, values, &length) != 0)
        {
            return default;
        }

        return new XdpSocketStatistics((long)values[0], (long)values[1], (long)values[3], (long)values[4]);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            Free();
        }
    }

    private static nint MapUmem(nuint bytes, bool hugePages, out bool huge)
    {
        const int flags = LinuxNative.MapPrivate | LinuxNative.MapAnonymous | LinuxNative.MapPopulate;
        huge = false;
        if (hugePages)
        {
            var pages = LinuxNative.Mmap(0, bytes, LinuxNative.ProtRead | LinuxNative.ProtWrite, flags | LinuxNative.MapHugeTlb, -1, 0);
            if (pages != LinuxNative.MapFailed)
            {
                huge = true;
                return pages;
            }
        }

        var memory = LinuxNative.Mmap(0, bytes, LinuxNative.ProtRead | LinuxNative.ProtWrite, flags, -1, 0);
        return memory != LinuxNative.MapFailed ? memory : throw Failure("mmap(UMEM)");
    }

    private static XdpUnavailableException Failure(string call) => new(LinuxNative.Describe(call, LinuxNative.LastError));

    private void SetOption(int name, void* value, uint length, string call)
    {
        if (LinuxNative.SetSockOpt(_fd, LinuxNative.SolXdp, name, value, length) != 0)
        {
            throw Failure(call);
        }
    }

    private nint MapRing(nuint bytes, long offset, string call)
    {
        var map = LinuxNative.Mmap(0, bytes, LinuxNative.ProtRead | LinuxNative.ProtWrite, LinuxNative.MapShared | LinuxNative.MapPopulate, _fd, offset);
        return map != LinuxNative.MapFailed ? map : throw Failure(call);
    }

    private void Free()
    {
        Unmap(_rxMap, _rxMapBytes);
        Unmap(_fillMap, _fillMapBytes);
        Unmap(_completionMap, _completionMapBytes);
        if (_fd >= 0)
        {
            LinuxNative.Close(_fd);
        }

        // The kernel holds its own reference on the UMEM pages until the socket is gone.
        Unmap(_umem, _umemBytes);
    }

    private static void Unmap(nint map, nuint bytes)
    {
        if (map != 0 && map != LinuxNative.MapFailed)
        {
            LinuxNative.Munmap(map, bytes);
        }
    }
}
