using System.Buffers.Binary;

namespace Swarm.Simulation.Checkpoints;

/// <summary>
/// The outer checkpoint format: <c>"SWRMCKPT"</c>, format version (u16), payload length (i32),
/// payload hash (u64), payload. The payload starts with a <see cref="CheckpointHeader"/>.
/// </summary>
/// <remarks>
/// Version 1 is the only format. A different version, a wrong magic, a short read or a hash
/// mismatch each raise a <see cref="CheckpointFormatException"/> that says which; a checkpoint is
/// never half-applied, because the payload is verified before any model state is touched.
/// </remarks>
public static class CheckpointEnvelope
{
    /// <summary>The format version this build writes and reads.</summary>
    public const ushort FormatVersion = 1;

    private const int PrefixLength = 8 + 2 + 4 + 8;
    private const int MaxPayload = int.MaxValue - 64;
    private static ReadOnlySpan<byte> Magic => "SWRMCKPT"u8;

    internal static void Write(Stream stream, ReadOnlySpan<byte> payload)
    {
        Span<byte> prefix = stackalloc byte[PrefixLength];
        Magic.CopyTo(prefix);
        BinaryPrimitives.WriteUInt16LittleEndian(prefix[8..], FormatVersion);
        BinaryPrimitives.WriteInt32LittleEndian(prefix[10..], payload.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(prefix[14..], StateHash.Compute(payload));
        stream.Write(prefix);
        stream.Write(payload);
    }

    internal static void WriteHeader(CheckpointWriter writer, CheckpointHeader header)
    {
        writer.WriteString(header.ModelName);
        writer.WriteInt32(header.StateVersion);
        writer.WriteUInt64(header.Seed);
        writer.WriteUInt64(header.RunKey);
        writer.WriteInt32(header.Parameters.Count);
        foreach (var (name, value) in header.Parameters)
        {
            writer.WriteString(name);
            switch (value)
            {
                case null:
                    writer.WriteByte(0);
                    break;
                case long l:
                    writer.WriteByte(1);
                    writer.WriteInt64(l);
                    break;
                case double d:
                    writer.WriteByte(2);
                    writer.WriteDouble(d);
                    break;
                case bool b:
                    writer.WriteByte(3);
                    writer.WriteBool(b);
                    break;
                case string s:
                    writer.WriteByte(4);
                    writer.WriteString(s);
                    break;
                default:
                    throw new InvalidOperationException($"Parameter '{name}' has unsupported type {value.GetType().Name}.");
            }
        }
    }

    /// <summary>Reads and verifies a checkpoint; returns its header and a reader positioned at the model state.</summary>
    public static (CheckpointHeader Header, CheckpointReader Reader) Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> prefix = stackalloc byte[PrefixLength];
        var got = ReadFully(stream, prefix);
        if (got < Magic.Length || !prefix[..Magic.Length].SequenceEqual(Magic))
        {
            throw new CheckpointFormatException("The data is not a Swarm checkpoint (bad magic).");
        }

        if (got < PrefixLength)
        {
            throw new CheckpointFormatException("The checkpoint is truncated: incomplete header.");
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(prefix[8..]);
        if (version != FormatVersion)
        {
            throw new CheckpointFormatException($"Unsupported checkpoint format version {version}; this build reads version {FormatVersion}.");
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(prefix[10..]);
        if (length is < 0 or > MaxPayload)
        {
            throw new CheckpointFormatException($"The checkpoint is corrupt: payload length {length}.");
        }

        var expectedHash = BinaryPrimitives.ReadUInt64LittleEndian(prefix[14..]);
        var payload = new byte[length];
        if (ReadFully(stream, payload) != length)
        {
            throw new CheckpointFormatException($"The checkpoint is truncated: expected {length} payload bytes.");
        }

        if (StateHash.Compute(payload) != expectedHash)
        {
            throw new CheckpointFormatException("The checkpoint is corrupt: payload hash mismatch.");
        }

        var reader = new CheckpointReader(payload);
        return (ReadHeader(reader), reader);
    }

    private static CheckpointHeader ReadHeader(CheckpointReader reader)
    {
        var name = reader.ReadString();
        var stateVersion = reader.ReadInt32();
        var seed = reader.ReadUInt64();
        var runKey = reader.ReadUInt64();
        var count = reader.ReadCount();
        var values = new List<KeyValuePair<string, object?>>(Math.Min(count, 1024));
        for (var i = 0; i < count; i++)
        {
            var key = reader.ReadString();
            object? value = reader.ReadByte() switch
            {
                0 => null,
                1 => reader.ReadInt64(),
                2 => reader.ReadDouble(),
                3 => reader.ReadBool(),
                4 => reader.ReadString(),
                var kind => throw new CheckpointFormatException($"The checkpoint is corrupt: parameter '{key}' has unknown kind {kind}."),
            };
            values.Add(new KeyValuePair<string, object?>(key, value));
        }

        return new CheckpointHeader(name, stateVersion, new ModelParameters(values), seed, runKey);
    }

    private static int ReadFully(Stream stream, Span<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = stream.Read(buffer[total..]);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }
}
