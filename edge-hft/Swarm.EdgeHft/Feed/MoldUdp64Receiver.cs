using System.Buffers.Binary;
using System.Diagnostics;

namespace Swarm.EdgeHft.Feed;

/// <summary>
/// Turns MoldUDP64 downstream packets into an in-order message stream: drops duplicates, detects sequence gaps,
/// and — when the recovery hook asks for a re-transmission — holds later packets back until the gap is filled.
/// </summary>
/// <remarks>
/// Invariant: every message handed to the sink has sequence number <see cref="NextExpectedSequence"/> at that moment,
/// so the sink sees each sequence number at most once and in increasing order. While recovering, live packets go to
/// a preallocated hold-back arena; re-transmitted packets (sequence at or below the next expected) are applied at
/// once; when the gap is filled, or the timeout expires, or the arena is full, the held packets are replayed in
/// arrival order. A malformed packet is dropped whole (its messages then show up as a gap). Single-threaded.
/// </remarks>
public sealed class MoldUdp64Receiver
{
    private readonly IFeedMessageSink _sink;
    private readonly IMoldUdp64RecoveryHook? _hook;
    private readonly long _timeoutTicks;
    private readonly byte[] _arena;
    private readonly int[] _heldOffsets;
    private readonly int[] _heldLengths;
    private int _heldCount;
    private int _heldRead;
    private int _arenaUsed;
    private bool _sessionLocked;
    private ulong _gapEnd;
    private long _recoveryDeadline;

    /// <summary>Creates a receiver that delivers to <paramref name="sink"/>.</summary>
    public MoldUdp64Receiver(IFeedMessageSink sink, IMoldUdp64RecoveryHook? hook = null, MoldUdp64ReceiverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sink);
        options ??= new MoldUdp64ReceiverOptions();
        _sink = sink;
        _hook = hook;
        NextExpectedSequence = options.FirstSequence;
        _timeoutTicks = (long)(options.RecoveryTimeout.TotalSeconds * Stopwatch.Frequency);
        _arena = new byte[Math.Max(options.HoldBackBytes, MoldUdp64.MaxPacketLength)];
        _heldOffsets = new int[_arena.Length / MoldUdp64.HeaderLength];
        _heldLengths = new int[_heldOffsets.Length];
        if (options.Session is not null)
        {
            Session = MoldSession.Parse(options.Session);
            _sessionLocked = true;
        }
    }

    /// <summary>The session followed.</summary>
    public MoldSession Session { get; private set; }

    /// <summary>The sequence number of the next message the sink will see.</summary>
    public ulong NextExpectedSequence { get; private set; }

    /// <summary>True while a gap is being recovered (later packets are held back).</summary>
    public bool IsRecovering { get; private set; }

    /// <summary>True once an End of Session packet has been seen.</summary>
    public bool EndOfSession { get; private set; }

    /// <summary>Counters.</summary>
    public MoldUdp64Statistics Statistics { get; } = new();

    /// <summary>Handles one UDP payload received at <paramref name="timestamp"/> (<see cref="Stopwatch.GetTimestamp"/> ticks).</summary>
    public void OnPacket(ReadOnlySpan<byte> packet, long timestamp)
    {
        Statistics.Packets++;
        if (!TryValidate(packet, out var session, out var sequence))
        {
            Statistics.MalformedPackets++;
            return;
        }

        if (!_sessionLocked)
        {
            Session = session;
            _sessionLocked = true;
        }
        else if (session != Session)
        {
            Statistics.ForeignSessionPackets++;
            return;
        }

        OnIdle(timestamp);
        while (true)
        {
            if (!IsRecovering)
            {
                if (!Apply(packet, timestamp))
                {
                    // Normal mode implies an empty arena, and the arena holds at least one maximal packet.
                    Hold(packet);
                }

                return;
            }

            if (sequence <= NextExpectedSequence)
            {
                Deliver(packet, recovering: true);
                if (NextExpectedSequence >= _gapEnd)
                {
                    IsRecovering = false;
                    Drain(timestamp);
                }

                return;
            }

            if (TryHold(packet))
            {
                return;
            }

            Abandon();
            Drain(timestamp);
        }
    }

    /// <summary>Gives up a recovery whose timeout has passed; call it when no packet arrived for a while.</summary>
    public void OnIdle(long timestamp)
    {
        if (IsRecovering && timestamp >= _recoveryDeadline)
        {
            Abandon();
            Drain(timestamp);
        }
    }

    private bool TryValidate(ReadOnlySpan<byte> packet, out MoldSession session, out ulong sequence)
    {
        if (!MoldUdp64.TryReadHeader(packet, out session, out sequence, out var count))
        {
            return false;
        }

        if (count is MoldUdp64.HeartbeatCount or MoldUdp64.EndOfSessionCount)
        {
            return packet.Length == MoldUdp64.HeaderLength;
        }

        var offset = MoldUdp64.HeaderLength;
        for (var i = 0; i < count; i++)
        {
            if (offset + 2 > packet.Length)
            {
                return false;
            }

            offset += 2 + BinaryPrimitives.ReadUInt16BigEndian(packet[offset..]);
            if (offset > packet.Length)
            {
                return false;
            }
        }

        return offset == packet.Length;
    }

    /// <summary>Applies a packet in normal mode; false when it opened a gap that is now being recovered.</summary>
    private bool Apply(ReadOnlySpan<byte> packet, long timestamp)
    {
        var sequence = BinaryPrimitives.ReadUInt64BigEndian(packet[10..]);
        if (sequence > NextExpectedSequence)
        {
            var missing = sequence - NextExpectedSequence;
            Statistics.Gaps++;
            if (_hook is not null && _hook.OnGap(Session, NextExpectedSequence, missing))
            {
                IsRecovering = true;
                _gapEnd = sequence;
                _recoveryDeadline = timestamp + _timeoutTicks;
                return false;
            }

            _hook?.OnGapAbandoned(Session, NextExpectedSequence, missing);
            Statistics.MessagesLost += (long)missing;
            NextExpectedSequence = sequence;
        }

        Deliver(packet, recovering: false);
        return true;
    }

    private void Deliver(ReadOnlySpan<byte> packet, bool recovering)
    {
        var sequence = BinaryPrimitives.ReadUInt64BigEndian(packet[10..]);
        var count = BinaryPrimitives.ReadUInt16BigEndian(packet[18..]);
        if (count is MoldUdp64.HeartbeatCount or MoldUdp64.EndOfSessionCount)
        {
            Statistics.Heartbeats += count == MoldUdp64.HeartbeatCount ? 1 : 0;
            EndOfSession |= count == MoldUdp64.EndOfSessionCount;
            return;
        }

        var offset = MoldUdp64.HeaderLength;
        for (var i = 0; i < count; i++, sequence++)
        {
            var length = BinaryPrimitives.ReadUInt16BigEndian(packet[offset..]);
            var message = packet.Slice(offset + 2, length);
            offset += 2 + length;
            if (sequence < NextExpectedSequence)
            {
                Statistics.DuplicateMessages++;
                continue;
            }

            if (recovering && sequence < _gapEnd)
            {
                Statistics.MessagesRecovered++;
            }

            NextExpectedSequence = sequence + 1;
            Statistics.MessagesDelivered++;
            _sink.OnMessage(message, sequence);
        }
    }

    private bool TryHold(ReadOnlySpan<byte> packet)
    {
        if (_arenaUsed + packet.Length > _arena.Length || _heldCount == _heldOffsets.Length)
        {
            return false;
        }

        packet.CopyTo(_arena.AsSpan(_arenaUsed));
        _heldOffsets[_heldCount] = _arenaUsed;
        _heldLengths[_heldCount] = packet.Length;
        _heldCount++;
        _arenaUsed += packet.Length;
        return true;
    }

    private void Hold(ReadOnlySpan<byte> packet)
    {
        if (!TryHold(packet))
        {
            // Unreachable by construction (see the call site); dropping keeps the stream consistent: the packet becomes a gap.
            Statistics.MalformedPackets++;
        }
    }

    private void Abandon()
    {
        var missing = _gapEnd - NextExpectedSequence;
        _hook?.OnGapAbandoned(Session, NextExpectedSequence, missing);
        Statistics.MessagesLost += (long)missing;
        NextExpectedSequence = _gapEnd;
        IsRecovering = false;
    }

    private void Drain(long timestamp)
    {
        while (!IsRecovering && _heldRead < _heldCount)
        {
            var held = _arena.AsSpan(_heldOffsets[_heldRead], _heldLengths[_heldRead]);
            if (!Apply(held, timestamp))
            {
                // The held packet opened a new gap: it stays first in line for when that gap is settled.
                return;
            }

            _heldRead++;
        }

        if (_heldRead == _heldCount)
        {
            _heldRead = 0;
            _heldCount = 0;
            _arenaUsed = 0;
        }
    }
}
