using Swarm.Simulation.Checkpoints;

namespace Swarm.Simulation.Spaces;

/// <summary>A named numeric value per grid cell (grass, pheromone, terrain…), stored as one flat array.</summary>
/// <typeparam name="T">The value type: a number such as <see cref="int"/> or <see cref="double"/> (arithmetic in <see cref="PropertyLayerArithmetic"/>), or an enum of states.</typeparam>
public sealed class PropertyLayer<T> : ICheckpointed
    where T : unmanaged
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
        if (!EqualityComparer<T>.Default.Equals(initial, default))
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

    /// <summary>How many cells equal <paramref name="value"/>.</summary>
    public int Count(T value)
    {
        var n = 0;
        foreach (var v in _values)
        {
            n += EqualityComparer<T>.Default.Equals(v, value) ? 1 : 0;
        }

        return n;
    }

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
