namespace Swarm.EdgeHft.Trading;

/// <summary>
/// An order sink for dry runs and benchmarks: counts the messages and keeps the last one, sending nothing anywhere.
/// </summary>
public sealed class RecordingOrderSink : Orders.IOrderSink
{
    private readonly byte[] _last = new byte[128];

    /// <summary>Messages received.</summary>
    public long Count { get; private set; }

    /// <summary>Bytes of the last message.</summary>
    public ReadOnlySpan<byte> Last => _last.AsSpan(0, LastLength);

    private int LastLength { get; set; }

    /// <inheritdoc />
    public void Send(ReadOnlySpan<byte> ouchMessage)
    {
        var n = Math.Min(ouchMessage.Length, _last.Length);
        ouchMessage[..n].CopyTo(_last);
        LastLength = n;
        Count++;
    }
}
