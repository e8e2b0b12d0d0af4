using System.Buffers.Binary;

namespace Swarm.EdgeHft.Feed;

/// <summary>Replays a length-prefixed ITCH file (see <see cref="ItchFileFormat"/>) into a sink, message by message.</summary>
/// <remarks>
/// Reads through one reusable buffer (no allocation per message). A final record cut short by the end of the file
/// is reported in <see cref="ItchFileReplayResult.TruncatedTailBytes"/>, not thrown.
/// </remarks>
public sealed class ItchFileReplay
{
    private readonly byte[] _buffer;

    /// <summary>Creates a replayer reading <paramref name="bufferBytes"/> at a time (at least one maximal record).</summary>
    public ItchFileReplay(int bufferBytes = 1 << 20) =>
        _buffer = new byte[Math.Max(bufferBytes, ushort.MaxValue + ItchFileFormat.PrefixLength)];

    /// <summary>Replays the file at <paramref name="path"/>.</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public ItchFileReplayResult Replay(string path, IFeedMessageSink sink, CancellationToken cancellationToken = default)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        return Replay(stream, sink, cancellationToken);
    }

    /// <summary>Replays <paramref name="stream"/> to its end.</summary>
    public ItchFileReplayResult Replay(Stream stream, IFeedMessageSink sink, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sink);
        long messages = 0;
        long bytes = 0;
        var filled = 0;
        while (true)
        {
            var read = stream.Read(_buffer, filled, _buffer.Length - filled);
            bytes += read;
            filled += read;
            var offset = 0;
            while (filled - offset >= ItchFileFormat.PrefixLength)
            {
                var length = BinaryPrimitives.ReadUInt16BigEndian(_buffer.AsSpan(offset));
                if (filled - offset - ItchFileFormat.PrefixLength < length)
                {
                    break;
                }

                messages++;
                sink.OnMessage(_buffer.AsSpan(offset + ItchFileFormat.PrefixLength, length), (ulong)messages);
                offset += ItchFileFormat.PrefixLength + length;
            }

            // Keep the partial record for the next read.
            Buffer.BlockCopy(_buffer, offset, _buffer, 0, filled - offset);
            filled -= offset;
            if (read == 0 || cancellationToken.IsCancellationRequested)
            {
                return new ItchFileReplayResult(messages, bytes, read == 0 ? filled : 0);
            }
        }
    }
}
