using System.Runtime.CompilerServices;

namespace Swarm.Simulation.Spaces;

/// <summary>
/// The neighbour cells of every cell of one grid for one neighbourhood kind and radius, from
/// offsets computed once: interior cells use precomputed linear offsets (no bounds checks),
/// cells near an edge wrap (torus) or drop (bounded) each offset.
/// </summary>
/// <remarks>
/// On a torus narrower than the neighbourhood (2r+1 &gt; width or height), offsets that wrap onto
/// the same cell, or onto the centre, are reported once / not at all, as in Mesa.
/// Offsets are ordered by row, then column, so the neighbour order is fixed and reproducible.
/// </remarks>
public sealed class GridNeighbourhood
{
    private readonly int[] _dx;
    private readonly int[] _dy;
    private readonly int[] _linear;
    private readonly bool _mayAlias;
    private readonly int[] _found;

    /// <summary>Precomputes the neighbourhood of <paramref name="kind"/> and <paramref name="radius"/> on <paramref name="topology"/>.</summary>
    public GridNeighbourhood(GridTopology topology, NeighbourhoodKind kind, int radius, bool includeCentre = false)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(radius);
        Topology = topology;
        Kind = kind;
        Radius = radius;
        IncludeCentre = includeCentre;
        var dx = new List<int>();
        var dy = new List<int>();
        for (var oy = -radius; oy <= radius; oy++)
        {
            for (var ox = -radius; ox <= radius; ox++)
            {
                if (ox == 0 && oy == 0 && !includeCentre)
                {
                    continue;
                }

                if (kind == NeighbourhoodKind.VonNeumann && Math.Abs(ox) + Math.Abs(oy) > radius)
                {
                    continue;
                }

                dx.Add(ox);
                dy.Add(oy);
            }
        }

        _dx = [.. dx];
        _dy = [.. dy];
        _linear = new int[_dx.Length];
        for (var i = 0; i < _linear.Length; i++)
        {
            _linear[i] = (_dy[i] * topology.Width) + _dx[i];
        }

        _found = new int[_dx.Length];
        _mayAlias = topology.Torus && ((2 * radius) + 1 > topology.Width || (2 * radius) + 1 > topology.Height);
    }

    /// <summary>The grid.</summary>
    public GridTopology Topology { get; }

    /// <summary>Moore or von Neumann.</summary>
    public NeighbourhoodKind Kind { get; }

    /// <summary>The radius.</summary>
    public int Radius { get; }

    /// <summary>Whether the centre cell is part of its own neighbourhood.</summary>
    public bool IncludeCentre { get; }

    /// <summary>The most neighbour cells any cell can have: the buffer size <see cref="Collect"/> needs.</summary>
    public int MaxCount => _dx.Length;

    /// <summary>The offsets (dx, dy) in order.</summary>
    public ReadOnlySpan<int> OffsetsX => _dx;

    /// <summary>The offsets (dx, dy) in order.</summary>
    public ReadOnlySpan<int> OffsetsY => _dy;

    /// <summary>The neighbour cells of <paramref name="cell"/>, in a buffer the next call overwrites.</summary>
    public ReadOnlySpan<int> Of(int cell) => _found.AsSpan(0, Collect(cell, _found));

    /// <summary>Writes the neighbour cells of <paramref name="cell"/> into <paramref name="destination"/>; returns how many.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Collect(int cell, Span<int> destination)
    {
        var t = Topology;
        var x = cell % t.Width;
        var y = cell / t.Width;
        var r = Radius;
        if (x >= r && y >= r && x < t.Width - r && y < t.Height - r)
        {
            var linear = _linear;
            if (destination.Length < linear.Length)
            {
                ThrowHelper.ThrowArgument(nameof(destination), "The buffer is smaller than MaxCount.");
            }

            for (var i = 0; i < linear.Length; i++)
            {
                destination[i] = cell + linear[i];
            }

            return linear.Length;
        }

        return CollectAtEdge(cell, x, y, destination);
    }

    private int CollectAtEdge(int cell, int x, int y, Span<int> destination)
    {
        var t = Topology;
        var n = 0;
        for (var i = 0; i < _dx.Length; i++)
        {
            var nx = x + _dx[i];
            var ny = y + _dy[i];
            if (!t.TryNormalise(ref nx, ref ny))
            {
                continue;
            }

            var c = t.CellOf(nx, ny);
            if (_mayAlias && (( c == cell && !IncludeCentre) || destination[..n].Contains(c)))
            {
                continue;
            }

            destination[n++] = c;
        }

        return n;
    }
}
