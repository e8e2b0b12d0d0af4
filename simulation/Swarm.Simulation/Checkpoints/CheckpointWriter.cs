using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Swarm.Simulation.Checkpoints;

/// <summary>
/// Writes the payload of a checkpoint: little-endian primitives, length-prefixed strings and
/// length-prefixed arrays of unmanaged values.
/// </summary>
/// <remarks>
/// The payload is buffered so that its length and hash can go in the header before it; a
/// checkpoint is therefore written in one piece and never half-written to the target stream.
/// </remarks>
public sealed class CheckpointWriter
{
    private readonly ArrayBufferWriter<byte> _buffer;

    /// <summary>Creates an empty writer.</summary>
    public CheckpointWriter(int initialCapacity = 4096)
    {
        _buffer = new ArrayBufferWriter<byte>(initialCapacity);
    }

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.WrittenSpan;

    /// <summary>Writes one byte.</summary>
    public void WriteByte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
    }

    /// <summary>Writes a boolean as one byte.</summary>
    public void WriteBool(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    /// <summary>Writes a 32-bit integer.</summary>
    public void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
    }

    /// <summary>Writes a 64-bit integer.</summary>
    public void WriteInt64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }

    /// <summary>Writes an unsigned 64-bit integer.</summary>
    public void WriteUInt64(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }

    /// <summary>Writes a double bit for bit.</summary>
    public void WriteDouble(double value) => WriteInt64(BitConverter.DoubleToInt64Bits(value));

    /// <summary>Writes a UTF-8 string with a length prefix.</summary>
    public void WriteString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var count = Encoding.UTF8.GetByteCount(value);
        WriteInt32(count);
        Encoding.UTF8.GetBytes(value, _buffer.GetSpan(count));
        _buffer.Advance(count);
    }

    /// <summary>Writes an unmanaged value (a number, a bool, an enum, a struct of those) bit for bit.</summary>
    public void WriteValue<T>(T value)
        where T : unmanaged => WriteRaw(MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in value)));

    /// <summary>Writes a string that may be null.</summary>
    public void WriteNullableString(string? value)
    {
        WriteBool(value is not null);
        if (value is not null)
        {
            WriteString(value);
        }
    }

    /// <summary>Writes an array that may be null, with a length prefix.</summary>
    public void WriteNullableArray<T>(T[]? values)
        where T : unmanaged
    {
        WriteBool(values is not null);
        if (values is not null)
        {
            WriteSpan<T>(values);
        }
    }

    /// <summary>Writes the first <paramref name="count"/> elements of an array with a length prefix.</summary>
    public void WriteArray<T>(T[] values, int count)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(values);
        WriteSpan<T>(values.AsSpan(0, count));
    }

    /// <summary>Writes a whole array with a length prefix.</summary>
    public void WriteArray<T>(T[] values)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(values);
        WriteSpan<T>(values);
    }

    /// <summary>Writes a span with a length prefix (element count).</summary>
    public void WriteSpan<T>(ReadOnlySpan<T> values)
        where T : unmanaged
    {
        WriteInt32(values.Length);
        WriteRaw(MemoryMarshal.AsBytes(values));
    }

    private void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        // Raw memory is little-endian on every platform .NET 10 ships for; the reader checks the same.
        bytes.CopyTo(_buffer.GetSpan(bytes.Length));
        _buffer.Advance(bytes.Length);
    }
}
