using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Swarm.Simulation.Checkpoints;

/// <summary>Reads a checkpoint payload written by <see cref="CheckpointWriter"/>; every overrun is a <see cref="CheckpointFormatException"/>.</summary>
public sealed class CheckpointReader
{
    private readonly ReadOnlyMemory<byte> _data;
    private int _position;

    /// <summary>Creates a reader over a payload.</summary>
    public CheckpointReader(ReadOnlyMemory<byte> data)
    {
        _data = data;
    }

    /// <summary>Bytes not yet read.</summary>
    public int Remaining => _data.Length - _position;

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > Remaining)
        {
            throw new CheckpointFormatException($"The checkpoint is truncated or corrupt: needed {count} bytes at offset {_position}, {Remaining} left.");
        }

        var span = _data.Span.Slice(_position, count);
        _position += count;
        return span;
    }

    /// <summary>Reads one byte.</summary>
    public byte ReadByte() => Take(1)[0];

    /// <summary>Reads a boolean.</summary>
    public bool ReadBool() => ReadByte() switch
    {
        0 => false,
        1 => true,
        var b => throw new CheckpointFormatException($"The checkpoint is corrupt: {b} is not a boolean."),
    };

    /// <summary>Reads a 32-bit integer.</summary>
    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    /// <summary>Reads a 64-bit integer.</summary>
    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    /// <summary>Reads an unsigned 64-bit integer.</summary>
    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    /// <summary>Reads a double.</summary>
    public double ReadDouble() => BitConverter.Int64BitsToDouble(ReadInt64());

    /// <summary>Reads a length-prefixed UTF-8 string.</summary>
    public string ReadString() => Encoding.UTF8.GetString(Take(ReadCount()));

    /// <summary>Reads an unmanaged value written by <see cref="CheckpointWriter.WriteValue{T}"/>.</summary>
    public T ReadValue<T>()
        where T : unmanaged
    {
        T value = default;
        Take(System.Runtime.CompilerServices.Unsafe.SizeOf<T>()).CopyTo(MemoryMarshal.AsBytes(new Span<T>(ref value)));
        return value;
    }

    /// <summary>Reads a string written by <see cref="CheckpointWriter.WriteNullableString"/>.</summary>
    public string? ReadNullableString() => ReadBool() ? ReadString() : null;

    /// <summary>Reads an array written by <see cref="CheckpointWriter.WriteNullableArray{T}"/>.</summary>
    public T[]? ReadNullableArray<T>()
        where T : unmanaged => ReadBool() ? ReadArray<T>() : null;

    /// <summary>Reads a length-prefixed array.</summary>
    public T[] ReadArray<T>()
        where T : unmanaged
    {
        var count = ReadCount();
        var result = new T[count];
        ReadInto<T>(result.AsSpan(), count);
        return result;
    }

    /// <summary>
    /// Reads a length-prefixed array into <paramref name="destination"/>, which must be at least that long;
    /// returns the element count.
    /// </summary>
    public int ReadArrayInto<T>(Span<T> destination)
        where T : unmanaged
    {
        var count = ReadCount();
        if (count > destination.Length)
        {
            throw new CheckpointFormatException($"The checkpoint is corrupt: an array of {count} elements does not fit the model's {destination.Length}.");
        }

        ReadInto(destination, count);
        return count;
    }

    /// <summary>Reads a length-prefixed array that must have exactly <paramref name="expected"/> elements.</summary>
    public void ReadExact<T>(Span<T> destination, int expected)
        where T : unmanaged
    {
        var count = ReadCount();
        if (count != expected)
        {
            throw new CheckpointFormatException($"The checkpoint is corrupt: expected {expected} elements, found {count}.");
        }

        ReadInto(destination, count);
    }

    /// <summary>Throws unless every byte has been read (trailing bytes mean a format mismatch).</summary>
    public void EnsureEnd()
    {
        if (Remaining != 0)
        {
            throw new CheckpointFormatException($"The checkpoint is corrupt: {Remaining} unexpected trailing bytes.");
        }
    }

    /// <summary>Reads a non-negative count.</summary>
    public int ReadCount()
    {
        var count = ReadInt32();
        if (count < 0)
        {
            throw new CheckpointFormatException($"The checkpoint is corrupt: negative length {count}.");
        }

        return count;
    }

    private void ReadInto<T>(Span<T> destination, int count)
        where T : unmanaged
    {
        var size = System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        if ((long)count * size > Remaining)
        {
            throw new CheckpointFormatException($"The checkpoint is truncated: an array of {count} elements runs past the end.");
        }

        Take(count * size).CopyTo(MemoryMarshal.AsBytes(destination[..count]));
    }
}
