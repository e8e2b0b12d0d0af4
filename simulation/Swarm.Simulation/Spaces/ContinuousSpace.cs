using System.Runtime.CompilerServices;
using Swarm.Simulation.Checkpoints;

namespace Swarm.Simulation.Spaces;

/// <summary>
/// A continuous 2-D space, bounded or periodic (torus), with a spatial hash for radius queries.
/// </summary>
/// <remarks>
/// <para>The hash is a grid of buckets at least <c>cellSize</c> wide, each an intrusive list of the
/// agents inside it (<see cref="LocationLists"/>). A move updates the agent's bucket in place (O(1),
/// no allocation), so queries always see current positions — as sequential activation requires.</para>
/// <para>Queries return every agent at Euclidean distance ≤ radius. On a torus distances and
/// displacements take the shortest way round, and a radius wider than half the space visits each
/// bucket once, never twice.</para>
/// </remarks>
public sealed class ContinuousSpace
{
    private readonly LocationLists _buckets;
    private readonly int _columns;
    private readonly int _rows;
    private readonly double _bucketWidth;
    private readonly double _bucketHeight;
    private readonly double _inverseBucketWidth;
    private readonly double _inverseBucketHeight;
    private double[] _x;
    private double[] _y;

    /// <summary>Creates an empty space of <paramref name="width"/> × <paramref name="height"/>, hashed in buckets at least <paramref name="cellSize"/> wide.</summary>
    public ContinuousSpace(double width, double height, bool torus, double cellSize, int agentCapacity)
    {
        if (!(width > 0) || !double.IsFinite(width) || !(height > 0) || !double.IsFinite(height))
        {
            throw new ArgumentOutOfRangeException(nameof(width), "The extent must be finite and positive.");
        }

        if (!(cellSize > 0) || !double.IsFinite(cellSize))
        {
            throw new ArgumentOutOfRangeException(nameof(cellSize), "The hash cell size must be finite and positive.");
        }

        Width = width;
        Height = height;
        Torus = torus;
        _columns = (int)Math.Clamp(Math.Floor(width / cellSize), 1, 4096);
        _rows = (int)Math.Clamp(Math.Floor(height / cellSize), 1, 4096);
        _bucketWidth = width / _columns;
        _bucketHeight = height / _rows;
        _inverseBucketWidth = _columns / width;
        _inverseBucketHeight = _rows / height;
        _buckets = new LocationLists(_columns * _rows, agentCapacity);
        _x = new double[agentCapacity];
        _y = new double[agentCapacity];
    }

    /// <summary>The x extent: positions lie in [0, Width).</summary>
    public double Width { get; }

    /// <summary>The y extent.</summary>
    public double Height { get; }

    /// <summary>Whether the space wraps around.</summary>
    public bool Torus { get; }

    /// <summary>Buckets per row of the hash.</summary>
    public int BucketColumns => _columns;

    /// <summary>Rows of buckets.</summary>
    public int BucketRows => _rows;

    /// <summary>The x position of <paramref name="slot"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double XOf(int slot) => _x[slot];

    /// <summary>The y position of <paramref name="slot"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double YOf(int slot) => _y[slot];

    /// <summary>Grows per-agent storage to hold slots <c>0 .. capacity-1</c>.</summary>
    public void EnsureAgentCapacity(int capacity)
    {
        _buckets.EnsureAgentCapacity(capacity);
        if (_x.Length < capacity)
        {
            var size = Math.Max(capacity, _x.Length * 2);
            Array.Resize(ref _x, size);
            Array.Resize(ref _y, size);
        }
    }

    /// <summary>Places <paramref name="slot"/> at (<paramref name="x"/>, <paramref name="y"/>) (wrapped on a torus).</summary>
    public void Add(int slot, double x, double y)
    {
        Normalise(ref x, ref y);
        _x[slot] = x;
        _y[slot] = y;
        _buckets.Add(slot, BucketOf(x, y));
    }

    /// <summary>Moves <paramref name="slot"/> to (<paramref name="x"/>, <paramref name="y"/>) (wrapped on a torus).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Move(int slot, double x, double y)
    {
        Normalise(ref x, ref y);
        _x[slot] = x;
        _y[slot] = y;
        _buckets.Move(slot, BucketOf(x, y));
    }

    /// <summary>Removes <paramref name="slot"/> from the space.</summary>
    public void Remove(int slot) => _buckets.Remove(slot);

    /// <summary>The displacement from (<paramref name="fromX"/>, <paramref name="fromY"/>) to (<paramref name="toX"/>, <paramref name="toY"/>), the shortest way round on a torus.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public (double Dx, double Dy) Displacement(double fromX, double fromY, double toX, double toY)
    {
        var dx = toX - fromX;
        var dy = toY - fromY;
        if (Torus)
        {
            dx = Wrap(dx, Width);
            dy = Wrap(dy, Height);
        }

        return (dx, dy);
    }

    /// <summary>The Euclidean distance between two points (shortest way round on a torus).</summary>
    public double Distance(double ax, double ay, double bx, double by)
    {
        var (dx, dy) = Displacement(ax, ay, bx, by);
        return Math.Sqrt((dx * dx) + (dy * dy));
    }

    /// <summary>Calls <paramref name="visitor"/> for every agent within <paramref name="radius"/> of (<paramref name="x"/>, <paramref name="y"/>), except <paramref name="exclude"/>.</summary>
    public void VisitWithin<TVisitor>(double x, double y, double radius, int exclude, ref TVisitor visitor)
        where TVisitor : struct, INeighbourVisitor
    {
        var r2 = radius * radius;
        var bx0 = (int)Math.Floor((x - radius) * _inverseBucketWidth);
        var bx1 = (int)Math.Floor((x + radius) * _inverseBucketWidth);
        var by0 = (int)Math.Floor((y - radius) * _inverseBucketHeight);
        var by1 = (int)Math.Floor((y + radius) * _inverseBucketHeight);
        if (Torus)
        {
            // A window as wide as the hash would reach some buckets twice through the wrap.
            if (bx1 - bx0 + 1 >= _columns)
            {
                bx0 = 0;
                bx1 = _columns - 1;
            }

            if (by1 - by0 + 1 >= _rows)
            {
                by0 = 0;
                by1 = _rows - 1;
            }
        }
        else
        {
            bx0 = Math.Max(bx0, 0);
            by0 = Math.Max(by0, 0);
            bx1 = Math.Min(bx1, _columns - 1);
            by1 = Math.Min(by1, _rows - 1);
        }

        var xs = _x;
        var ys = _y;
        var lists = _buckets;
        var torus = Torus;
        var width = Width;
        var height = Height;
        for (var by = by0; by <= by1; by++)
        {
            var row = by;
            if (row < 0)
            {
                row += _rows;
            }
            else if (row >= _rows)
            {
                row -= _rows;
            }

            var rowBase = row * _columns;
            for (var bx = bx0; bx <= bx1; bx++)
            {
                var column = bx;
                if (column < 0)
                {
                    column += _columns;
                }
                else if (column >= _columns)
                {
                    column -= _columns;
                }

                for (var a = lists.FirstAt(rowBase + column); a >= 0; a = lists.NextOf(a))
                {
                    if (a == exclude)
                    {
                        continue;
                    }

                    var dx = xs[a] - x;
                    var dy = ys[a] - y;
                    if (torus)
                    {
                        dx = Wrap(dx, width);
                        dy = Wrap(dy, height);
                    }

                    var d2 = (dx * dx) + (dy * dy);
                    if (d2 <= r2)
                    {
                        visitor.Visit(a, dx, dy, d2);
                    }
                }
            }
        }
    }

    /// <summary>Writes the agents within <paramref name="radius"/> of <paramref name="slot"/> (itself excluded) into <paramref name="destination"/>; returns how many.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too small.</exception>
    public int Neighbours(int slot, double radius, Span<int> destination) =>
        AgentsWithin(_x[slot], _y[slot], radius, slot, destination);

    /// <summary>Writes the agents within <paramref name="radius"/> of a point (except <paramref name="exclude"/>) into <paramref name="destination"/>; returns how many.</summary>
    public unsafe int AgentsWithin(double x, double y, double radius, int exclude, Span<int> destination)
    {
        fixed (int* p = destination)
        {
            var collector = new SlotCollector(p, destination.Length);
            VisitWithin(x, y, radius, exclude, ref collector);
            if (collector.Overflowed)
            {
                ThrowHelper.ThrowArgument(nameof(destination), "The buffer is too small for the agents in range.");
            }

            return collector.Count;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Wrap(double d, double extent)
    {
        var half = extent * 0.5;
        if (d > half)
        {
            return d - extent;
        }

        return d < -half ? d + extent : d;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int BucketOf(double x, double y)
    {
        var bx = Math.Min((int)(x * _inverseBucketWidth), _columns - 1);
        var by = Math.Min((int)(y * _inverseBucketHeight), _rows - 1);
        return (by * _columns) + bx;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Normalise(ref double x, ref double y)
    {
        if (x >= 0 && x < Width && y >= 0 && y < Height)
        {
            return;
        }

        NormaliseSlow(ref x, ref y);
    }

    private void NormaliseSlow(ref double x, ref double y)
    {
        if (!double.IsFinite(x) || !double.IsFinite(y))
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(x), "Positions must be finite.");
        }

        if (!Torus)
        {
            if (x < 0 || x > Width || y < 0 || y > Height)
            {
                ThrowHelper.ThrowArgumentOutOfRange(nameof(x), $"({x}, {y}) lies outside the bounded space [0, {Width}] × [0, {Height}].");
            }

            // The far edge belongs to the space on a bounded extent; keep it inside the last bucket.
            return;
        }

        x -= Math.Floor(x / Width) * Width;
        y -= Math.Floor(y / Height) * Height;
        // Rounding can land exactly on the extent; that point is the origin on a torus.
        if (x >= Width)
        {
            x = 0;
        }

        if (y >= Height)
        {
            y = 0;
        }
    }

    /// <summary>Writes positions and the hash to a checkpoint (bucket list order decides query order, so it is kept exactly).</summary>
    public void WriteTo(CheckpointWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteArray(_x);
        writer.WriteArray(_y);
        _buckets.WriteTo(writer);
    }

    /// <summary>Restores the space from a checkpoint.</summary>
    public void ReadFrom(CheckpointReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        _x = reader.ReadArray<double>();
        _y = reader.ReadArray<double>();
        _buckets.ReadFrom(reader);
        if (_x.Length != _y.Length)
        {
            throw new CheckpointFormatException("The checkpoint is corrupt: position arrays differ in length.");
        }
    }

    private unsafe struct SlotCollector : INeighbourVisitor
    {
        private readonly int* _destination;
        private readonly int _capacity;

        public SlotCollector(int* destination, int capacity)
        {
            _destination = destination;
            _capacity = capacity;
            Count = 0;
            Overflowed = false;
        }

        public int Count { get; private set; }

        public bool Overflowed { get; private set; }

        public void Visit(int slot, double dx, double dy, double distanceSquared)
        {
            if (Count == _capacity)
            {
                Overflowed = true;
                return;
            }

            _destination[Count++] = slot;
        }
    }
}
