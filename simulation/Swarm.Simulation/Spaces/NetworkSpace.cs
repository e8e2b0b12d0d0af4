using Swarm.Simulation.Checkpoints;
using Swarm.Simulation.Randomness;

namespace Swarm.Simulation.Spaces;

/// <summary>
/// A network of nodes and edges (undirected or directed) on which agents sit, any number per node.
/// </summary>
/// <remarks>
/// Adjacency is kept per node in a growable array, in edge insertion order, so
/// <see cref="Neighbours"/> is a span with no allocation and a fixed, reproducible order.
/// </remarks>
public sealed class NetworkSpace : ICheckpointed
{
    private readonly int[][] _adjacency;
    private readonly int[] _degree;
    private readonly LocationLists _agents;
    private long _edgeCount;

    /// <summary>Creates a network of <paramref name="nodeCount"/> nodes and no edges.</summary>
    public NetworkSpace(int nodeCount, bool directed, int agentCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(nodeCount);
        Directed = directed;
        _adjacency = new int[nodeCount][];
        for (var i = 0; i < nodeCount; i++)
        {
            _adjacency[i] = [];
        }

        _degree = new int[nodeCount];
        _agents = new LocationLists(nodeCount, agentCapacity);
    }

    /// <summary>Whether edges have a direction (then <see cref="Neighbours"/> lists successors).</summary>
    public bool Directed { get; }

    /// <summary>Nodes.</summary>
    public int NodeCount => _degree.Length;

    /// <summary>Edges (an undirected edge counts once).</summary>
    public long EdgeCount => _edgeCount;

    /// <summary>The agents on each node.</summary>
    public LocationLists Agents => _agents;

    /// <summary>The (out-)neighbours of <paramref name="node"/>, in insertion order.</summary>
    public ReadOnlySpan<int> Neighbours(int node) => _adjacency[node].AsSpan(0, _degree[node]);

    /// <summary>The (out-)degree of <paramref name="node"/>.</summary>
    public int DegreeOf(int node) => _degree[node];

    /// <summary>Whether the edge <paramref name="from"/> → <paramref name="to"/> exists.</summary>
    public bool HasEdge(int from, int to) => Neighbours(from).Contains(to);

    /// <summary>Adds an edge; returns false (and changes nothing) for a self-loop or an existing edge.</summary>
    public bool AddEdge(int from, int to)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(from);
        ArgumentOutOfRangeException.ThrowIfNegative(to);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(from, NodeCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(to, NodeCount);
        if (from == to || HasEdge(from, to))
        {
            return false;
        }

        Append(from, to);
        if (!Directed)
        {
            Append(to, from);
        }

        _edgeCount++;
        return true;
    }

    /// <summary>Removes an edge; returns false if it did not exist.</summary>
    public bool RemoveEdge(int from, int to)
    {
        if (!Delete(from, to))
        {
            return false;
        }

        if (!Directed)
        {
            Delete(to, from);
        }

        _edgeCount--;
        return true;
    }

    /// <summary>A uniformly random neighbour of <paramref name="node"/>, or -1 if it has none.</summary>
    public int RandomNeighbour(int node, SimulationRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var d = _degree[node];
        return d == 0 ? -1 : _adjacency[node][random.NextInt(d)];
    }

    /// <summary>Adds each possible edge independently with probability <paramref name="p"/> (Erdős–Rényi G(n, p)).</summary>
    public void AddRandomEdges(double p, SimulationRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegative(p);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(p, 1.0);
        for (var a = 0; a < NodeCount; a++)
        {
            for (var b = Directed ? 0 : a + 1; b < NodeCount; b++)
            {
                if (a != b && random.NextDouble() < p)
                {
                    AddEdge(a, b);
                }
            }
        }
    }

    private void Append(int from, int to)
    {
        ref var list = ref _adjacency[from];
        if (_degree[from] == list.Length)
        {
            Array.Resize(ref list, Math.Max(4, list.Length * 2));
        }

        list[_degree[from]++] = to;
    }

    private bool Delete(int from, int to)
    {
        var list = _adjacency[from];
        var index = Array.IndexOf(list, to, 0, _degree[from]);
        if (index < 0)
        {
            return false;
        }

        // Shift rather than swap so the remaining neighbours keep their order.
        Array.Copy(list, index + 1, list, index, _degree[from] - index - 1);
        _degree[from]--;
        return true;
    }

    /// <summary>Writes the network and its agents to a checkpoint.</summary>
    public void WriteTo(CheckpointWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteInt64(_edgeCount);
        for (var n = 0; n < NodeCount; n++)
        {
            writer.WriteSpan(Neighbours(n));
        }

        _agents.WriteTo(writer);
    }

    /// <summary>Restores the network from a checkpoint.</summary>
    public void ReadFrom(CheckpointReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        _edgeCount = reader.ReadInt64();
        for (var n = 0; n < NodeCount; n++)
        {
            var list = reader.ReadArray<int>();
            foreach (var to in list)
            {
                if ((uint)to >= (uint)NodeCount)
                {
                    throw new CheckpointFormatException("The checkpoint is corrupt: an edge points outside the network.");
                }
            }

            _adjacency[n] = list;
            _degree[n] = list.Length;
        }

        _agents.ReadFrom(reader);
    }
}
