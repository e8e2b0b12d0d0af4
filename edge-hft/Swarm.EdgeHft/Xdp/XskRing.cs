namespace Swarm.EdgeHft.Xdp;

/// <summary>
/// One single-producer/single-consumer ring shared with the kernel (RX, fill or completion), mapped from the AF_XDP
/// socket: a producer index, a consumer index, a flags word and a power-of-two array of entries.
/// </summary>
/// <remarks>
/// Invariant: the indices are free-running 32-bit counters; entry <c>i</c> lives at <c>i &amp; mask</c>, and
/// <c>producer - consumer</c> (mod 2^32) is the number of filled entries. The side that produces writes entries, then
/// publishes the producer index with release semantics; the side that consumes reads the producer index with acquire
/// semantics before it reads the entries, then publishes its consumer index with release semantics. Each side caches
/// the index it owns and re-reads the other's only when the cached view runs out, so the common case touches no
/// cache line the kernel is writing.
/// </remarks>
internal sealed unsafe class XskRing
{
    private readonly uint* _producer;
    private readonly uint* _consumer;
    private readonly uint* _flags;
    private readonly uint _mask;
    private uint _cachedProducer;
    private uint _cachedConsumer;

    public XskRing(nint map, in LinuxNative.RingOffset offsets, uint size)
    {
        _producer = (uint*)(map + (nint)offsets.Producer);
        _consumer = (uint*)(map + (nint)offsets.Consumer);
        _flags = (uint*)(map + (nint)offsets.Flags);
        Entries = (byte*)(map + (nint)offsets.Desc);
        Size = size;
        _mask = size - 1;
        _cachedProducer = Volatile.Read(ref *_producer);
        _cachedConsumer = Volatile.Read(ref *_consumer);
    }

    /// <summary>The entry array.</summary>
    public byte* Entries { get; }

    /// <summary>Number of entries (a power of two).</summary>
    public uint Size { get; }

    /// <summary>True when the kernel asks to be woken (XDP_USE_NEED_WAKEUP) before it looks at this ring again.</summary>
    public bool NeedsWakeup => (Volatile.Read(ref *_flags) & LinuxNative.XdpRingNeedWakeup) != 0;

    /// <summary>Index into <see cref="Entries"/> of free-running position <paramref name="position"/>.</summary>
    public uint Slot(uint position) => position & _mask;

    /// <summary>Consumer side: how many entries, up to <paramref name="max"/>, are ready from <paramref name="first"/>.</summary>
    public uint Peek(uint max, out uint first)
    {
        first = _cachedConsumer;
        var ready = _cachedProducer - _cachedConsumer;
        if (ready == 0)
        {
            _cachedProducer = Volatile.Read(ref *_producer);
            ready = _cachedProducer - _cachedConsumer;
        }

        return Math.Min(ready, max);
    }

    /// <summary>Consumer side: gives <paramref name="count"/> peeked entries back to the producer.</summary>
    public void Release(uint count)
    {
        _cachedConsumer += count;
        Volatile.Write(ref *_consumer, _cachedConsumer);
    }

    /// <summary>Producer side: how many entries, up to <paramref name="max"/>, are free from <paramref name="first"/>.</summary>
    public uint Reserve(uint max, out uint first)
    {
        first = _cachedProducer;
        var free = Size - (_cachedProducer - _cachedConsumer);
        if (free < max)
        {
            _cachedConsumer = Volatile.Read(ref *_consumer);
            free = Size - (_cachedProducer - _cachedConsumer);
        }

        return Math.Min(free, max);
    }

    /// <summary>Producer side: publishes <paramref name="count"/> reserved entries, written before this call.</summary>
    public void Submit(uint count)
    {
        _cachedProducer += count;
        Volatile.Write(ref *_producer, _cachedProducer);
    }
}
