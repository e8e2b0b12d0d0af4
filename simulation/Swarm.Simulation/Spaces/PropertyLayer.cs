using System.Numerics;
using Swarm.Simulation.Checkpoints;

namespace Swarm.Simulation.Spaces;

/// <summary>A named numeric value per grid cell (grass, pheromone, terrain…), stored as one flat array.</summary>
/// <typeparam name="T">The value type, e.g. <see cref="int"/>, <see cref="double"/> or <see cref="byte"/>.</typeparam>
public sealed class PropertyLayer<T>
    where T : unmanaged, INumber<T>
{
    private readonly T[] _values;

    /// <summary>Creates a layer filled with <paramref name="initial"/>.</summary>
    public PropertyLayer(string name, GridTopology topology, T initial = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(topology);
        Name = name;
        Topology = topology;
        _values = new T[topology.CellCount];
        if (initial != T.Zero)
        {
            Array.Fill(_values, initial);
        }
    }

    /// <summary>The layer's name.</summary>
    public string Name { get; }

    /// <summary>The grid it covers.</summary>
    public GridTopology Topology { get; }

    /// <summary>All values, by cell; writable for bulk updates in a model's hot loop.</summary>
    public Span<T> Values => _values;

    /// <summary>The value at <paramref name="cell"/>.</summary>
    public T this[int cell]
    {
        get => _values[cell];
        set => _values[cell] = value;
    }

    /// <summary>The value at (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public T this[int x, int y]
    {
        get => _values[Topology.CellOf(x, y)];
        set => _values[Topology.CellOf(x, y)] = value;
    }

    /// <summary>Sets every cell to <paramref name="value"/>.</summary>
    public void Fill(T value) => Array.Fill(_values, value);

    /// <summary>Adds <paramref name="delta"/> to every cell.</summary>
    public void Add(T delta)
    {
        var v = _values.AsSpan();
        for (var i = 0; i < v.Length; i++)
        {
            v[i] += delta;
        }
    }

    /// <summary>Clamps every cell to [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public void Clamp(T min, T max)
    {
        var v = _values.AsSpan();
        for (var i = 0; i < v.Length; i++)
        {
            v[i] = T.Clamp(v[i], min, max);
        }
    }

    /// <summary>The sum over all cells, as a double.</summary>
    public double Sum()
    {
        var sum = 0.0;
        foreach (var v in _values)
        {
            sum += double.CreateChecked(v);
        }

        return sum;
    }

    /// <summary>The smallest value.</summary>
    public T Min()
    {
        var min = _values[0];
        foreach (var v in _values)
        {
            min = T.Min(min, v);
        }

        return min;
    }

    /// <summary>The largest value.</summary>
    public T Max()
    {
        var max = _values[0];
        foreach (var v in _values)
        {
            max = T.Max(max, v);
        }

        return max;
    }

    /// <summary>How many cells equal <paramref name="value"/>.</summary>
    public int Count(T value) => _values.AsSpan().Count(value);

    /// <summary>Writes the layer to a checkpoint.</summary>
    public void WriteTo(CheckpointWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteArray(_values);
    }

    /// <summary>Restores the layer from a checkpoint.</summary>
    public void ReadFrom(CheckpointReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        reader.ReadExact<T>(_values, _values.Length);
    }
}
