using System.Runtime.CompilerServices;
using Swarm.Simulation.Agents;
using Swarm.Simulation.Checkpoints;

namespace Swarm.Simulation.Spaces;

/// <summary>
/// A continuous 2-D space, bounded or periodic (torus), with a spatial hash for radius queries.
/// </summary>
/// <remarks>
/// <para>The hash is a grid of buckets at least <c>cellSize</c> wide, stored as cell lists
/// (compressed rows: each bucket's agents, and copies of their positions, lie contiguously), so
/// a query scans a few contiguous runs of memory instead of chasing pointers. <see cref="Rebuild"/>
/// refills the lists in place by a counting sort (stable: slot order within a bucket), without
/// allocating.</para>
/// <para>Moves between rebuilds update the positions in place and leave agents listed in the bucket
/// they had at the last rebuild. Correctness does not depend on rebuilding: the space tracks the
/// largest distance any agent has moved since (the slack) and widens each query's bucket window by
/// it, so a query always sees every agent at its current position. When the slack exceeds a bucket,
/// or agents are added or removed, the next query rebuilds first. A model whose agents move a
/// little each step simply rebuilds at the start of every step; built over an <see cref="AgentSet"/>, the space does
/// that itself at the start of each activation of the set, and drops the agents the set removes.</para>
/// <para>Queries return every agent at Euclidean distance ≤ radius. On a torus distances and
/// displacements take the shortest way round, and a window as wide as the space visits each bucket
/// once, never twice.</para>
/// </remarks>
public sealed class ContinuousSpace : ICheckpointed, IAgentIndex
{
    private readonly int _columns;
    private readonly int _rows;
    private readonly double _inverseBucketWidth;
    private readonly double _inverseBucketHeight;
    private readonly double _rebuildSlack;
    private readonly int[] _bucketStart;
    private double[] _x;
    private double[] _y;
    private bool[] _placed;
    private double[] _drift;
    private int[] _sortedIndex;
    private int[] _sortedSlot;
    private double[] _sortedX;
    private double[] _sortedY;
    private int _count;
    private int _listed;
    private double _slack;
    private bool _dirty;
    private NeighbourBuffer? _found;

    /// <summary>Creates an empty space for the agents of <paramref name="agents"/>, rebuilt as each activation of the set begins.</summary>
    public ContinuousSpace(double width, double height, bool torus, double cellSize, AgentSet agents)
        : this(width, height, torus, cellSize, agents?.HighWater ?? 0)
    {
        ArgumentNullException.ThrowIfNull(agents);
        agents.Attach(this);
    }

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

        ArgumentOutOfRangeException.ThrowIfNegative(agentCapacity);
        Width = width;
        Height = height;
        Torus = torus;
        _columns = (int)Math.Clamp(Math.Floor(width / cellSize), 1, 2048);
        _rows = (int)Math.Clamp(Math.Floor(height / cellSize), 1, 2048);
        _inverseBucketWidth = _columns / width;
        _inverseBucketHeight = _rows / height;
        _rebuildSlack = Math.Min(width / _columns, height / _rows);
        _bucketStart = new int[(_columns * _rows) + 1];
        _x = new double[agentCapacity];
        _y = new double[agentCapacity];
        _placed = new bool[agentCapacity];
        _drift = new double[agentCapacity];
        _sortedIndex = new int[agentCapacity];
        _sortedSlot = new int[agentCapacity];
        _sortedX = new double[agentCapacity];
        _sortedY = new double[agentCapacity];
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

    /// <summary>Agents in the space.</summary>
    public int Count => _count;

    /// <summary>The x position of <paramref name="slot"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double XOf(int slot) => _x[slot];

    /// <summary>The y position of <paramref name="slot"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double YOf(int slot) => _y[slot];

    /// <summary>Grows per-agent storage to hold slots <c>0 .. capacity-1</c>.</summary>
    public void EnsureAgentCapacity(int capacity)
    {
        if (_x.Length >= capacity)
        {
            return;
        }

        var size = Math.Max(capacity, _x.Length * 2);
        Array.Resize(ref _x, size);
        Array.Resize(ref _y, size);
        Array.Resize(ref _placed, size);
        Array.Resize(ref _drift, size);
        Array.Resize(ref _sortedIndex, size);
        Array.Resize(ref _sortedSlot, size);
        Array.Resize(ref _sortedX, size);
        Array.Resize(ref _sortedY, size);
    }

    /// <summary>Places <paramref name="slot"/> at (<paramref name="x"/>, <paramref name="y"/>) (wrapped on a torus).</summary>
    public void Add(int slot, double x, double y)
    {
        EnsureAgentCapacity(slot + 1);
        if (_placed[slot])
        {
            ThrowHelper.ThrowInvalidOperation($"Agent slot {slot} is already placed.");
        }

        Normalise(ref x, ref y);
        _x[slot] = x;
        _y[slot] = y;
        _placed[slot] = true;
        _count++;
        _dirty = true;
    }

    /// <summary>Removes <paramref name="slot"/> from the space.</summary>
    public void Remove(int slot)
    {
        if (!_placed[slot])
        {
            ThrowHelper.ThrowInvalidOperation($"Agent slot {slot} is not placed.");
        }

        _placed[slot] = false;
        _count--;
        _dirty = true;
    }

    /// <summary>Moves <paramref name="slot"/> to (<paramref name="x"/>, <paramref name="y"/>) (wrapped on a torus).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Move(int slot, double x, double y)
    {
        if (!_placed[slot])
        {
            ThrowHelper.ThrowInvalidOperation($"Agent slot {slot} is not placed.");
        }

        Normalise(ref x, ref y);
        var (dx, dy) = Displacement(_x[slot], _y[slot], x, y);
        _x[slot] = x;
        _y[slot] = y;
        // |dx| + |dy| bounds the distance moved without a square root; the slack only has to be an upper bound.
        var drift = _drift[slot] + Math.Abs(dx) + Math.Abs(dy);
        _drift[slot] = drift;
        if (drift > _slack)
        {
            _slack = drift;
            if (drift > _rebuildSlack)
            {
                _dirty = true;
            }
        }

        if (!_dirty)
        {
            var index = _sortedIndex[slot];
            _sortedX[index] = x;
            _sortedY[index] = y;
        }
    }

    /// <summary>Refills the cell lists from the current positions (O(agents + buckets), no allocation).</summary>
    public void Rebuild()
    {
        var starts = _bucketStart;
        Array.Clear(starts);
        var highWater = _placed.Length;
        for (var slot = 0; slot < highWater; slot++)
        {
            if (_placed[slot])
            {
                starts[BucketOf(_x[slot], _y[slot]) + 1]++;
            }
        }

        for (var b = 1; b < starts.Length; b++)
        {
            starts[b] += starts[b - 1];
        }

        // Fill from each bucket's start; the running cursor reuses the sorted-index array per slot.
        for (var slot = 0; slot < highWater; slot++)
        {
            if (_placed[slot])
            {
                var b = BucketOf(_x[slot], _y[slot]);
                var index = starts[b]++;
                _sortedIndex[slot] = index;
                _sortedSlot[index] = slot;
                _sortedX[index] = _x[slot];
                _sortedY[index] = _y[slot];
            }

            _drift[slot] = 0;
        }

        // The cursors now hold each bucket's end; shift back to starts.
        for (var b = starts.Length - 1; b > 0; b--)
        {
            starts[b] = starts[b - 1];
        }

        starts[0] = 0;
        _listed = _count;
        _slack = 0;
        _dirty = false;
    }

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

    /// <summary>
    /// The agents within <paramref name="radius"/> of agent <paramref name="slot"/> (itself excluded), with their
    /// displacements and squared distances, in a buffer the next call overwrites.
    /// </summary>
    public Neighbours Neighbours(int slot, double radius)
    {
        _found ??= new NeighbourBuffer(_x.Length);
        var count = Collect(_x[slot], _y[slot], radius, slot, _found);
        return new Neighbours(_found, count);
    }

    void IAgentIndex.OnRemoved(int slot)
    {
        if (slot < _placed.Length && _placed[slot])
        {
            Remove(slot);
        }
    }

    void IAgentIndex.OnActivation()
    {
        if (_count > 0)
        {
            Rebuild();
        }
    }

    void IAgentIndex.PrefetchAgent(int slot)
    {
    }

    void IAgentIndex.PrefetchAround(int slot)
    {
    }

    /// <summary>Calls <paramref name="visitor"/> for every agent within <paramref name="radius"/> of (<paramref name="x"/>, <paramref name="y"/>), except <paramref name="exclude"/>.</summary>
    public void VisitWithin<TVisitor>(double x, double y, double radius, int exclude, ref TVisitor visitor)
        where TVisitor : struct, INeighbourVisitor
    {
        if (_dirty)
        {
            Rebuild();
        }

        var runs = new VisitingScanner<TVisitor>(this, radius * radius, exclude, visitor);
        VisitRuns(x, y, radius, ref runs);
        visitor = runs.Visitor;
    }

    /// <summary>Hands every contiguous run of cell-list entries that may hold agents within <paramref name="radius"/> to <paramref name="scanner"/>.</summary>
    private void VisitRuns<TScanner>(double x, double y, double radius, ref TScanner scanner)
        where TScanner : struct, IRunScanner
    {
        var reach = radius + _slack;
        var reach2 = reach * reach;
        var bucketHeight = Height / _rows;
        var by0 = (int)Math.Floor((y - reach) * _inverseBucketHeight);
        var by1 = (int)Math.Floor((y + reach) * _inverseBucketHeight);
        if (Torus)
        {
            // A window as tall as the hash would reach some rows twice through the wrap.
            if (by1 - by0 + 1 >= _rows)
            {
                by0 = 0;
                by1 = _rows - 1;
            }
        }
        else
        {
            by0 = Math.Max(by0, 0);
            by1 = Math.Min(by1, _rows - 1);
        }

        // On a torus every displacement takes the shortest way round: an agent listed near a seam may
        // have crossed it since the last rebuild, so no per-bucket shift can be trusted.
        var wrap = Torus;
        for (var by = by0; by <= by1; by++)
        {
            // Trim each row's columns to the circle: the row's nearest point to the query bounds its half-width.
            var rowTop = by * bucketHeight;
            var nearest = Math.Max(0, Math.Max(rowTop - y, y - (rowTop + bucketHeight)));
            if (Torus)
            {
                // A window covering every row lists rows by their own position: the nearest way to them may be across the seam.
                nearest = Math.Min(nearest, Math.Max(0, Math.Max(rowTop + Height - y, y - (rowTop + bucketHeight + Height))));
                nearest = Math.Min(nearest, Math.Max(0, Math.Max(rowTop - Height - y, y - (rowTop + bucketHeight - Height))));
            }

            var halfWidth = nearest == 0 ? reach : Math.Sqrt(Math.Max(0, reach2 - (nearest * nearest)));
            var bx0 = (int)Math.Floor((x - halfWidth) * _inverseBucketWidth);
            var bx1 = (int)Math.Floor((x + halfWidth) * _inverseBucketWidth);
            if (Torus)
            {
                if (bx1 - bx0 + 1 >= _columns)
                {
                    bx0 = 0;
                    bx1 = _columns - 1;
                }
            }
            else
            {
                bx0 = Math.Max(bx0, 0);
                bx1 = Math.Min(bx1, _columns - 1);
            }

            var row = by < 0 ? by + _rows : by >= _rows ? by - _rows : by;
            var rowBase = row * _columns;
            if (bx0 < 0)
            {
                scanner.Scan(_bucketStart[rowBase + bx0 + _columns], _bucketStart[rowBase + _columns], x, y, wrap);
                scanner.Scan(_bucketStart[rowBase], _bucketStart[rowBase + bx1 + 1], x, y, wrap);
            }
            else if (bx1 >= _columns)
            {
                scanner.Scan(_bucketStart[rowBase + bx0], _bucketStart[rowBase + _columns], x, y, wrap);
                scanner.Scan(_bucketStart[rowBase], _bucketStart[rowBase + bx1 - _columns + 1], x, y, wrap);
            }
            else
            {
                scanner.Scan(_bucketStart[rowBase + bx0], _bucketStart[rowBase + bx1 + 1], x, y, wrap);
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

    /// <summary>Fills <paramref name="buffer"/> with every agent within <paramref name="radius"/> of a point (except <paramref name="exclude"/>); returns how many.</summary>
    /// <remarks>
    /// Same agents, in the same order, as <see cref="VisitWithin"/>; but the scan is branch-free:
    /// every candidate is written and the count advances only for those in range, so the CPU never
    /// mispredicts the (data-dependent, near coin-flip) distance test.
    /// </remarks>
    public int Collect(double x, double y, double radius, int exclude, NeighbourBuffer buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (_dirty)
        {
            Rebuild();
        }

        // Candidates never exceed the agents listed, so one spare entry makes every unconditional write safe.
        while (buffer.Slots.Length < _listed + 1)
        {
            buffer.Grow();
        }

        var writer = new CompactingWriter(this, buffer, radius * radius, exclude);
        VisitRuns(x, y, radius, ref writer);
        buffer.Count = writer.Count;
        return writer.Count;
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

            // The far edge belongs to a bounded space; BucketOf keeps it in the last bucket.
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

    /// <summary>Writes positions and the cell lists to a checkpoint (list order decides query order, so it is kept exactly).</summary>
    public void WriteTo(CheckpointWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteInt32(_x.Length);
        writer.WriteInt32(_count);
        writer.WriteInt32(_listed);
        writer.WriteDouble(_slack);
        writer.WriteBool(_dirty);
        writer.WriteArray(_x);
        writer.WriteArray(_y);
        writer.WriteArray(_placed);
        writer.WriteArray(_drift);
        writer.WriteArray(_sortedIndex);
        writer.WriteArray(_sortedSlot, _listed);
        writer.WriteArray(_sortedX, _listed);
        writer.WriteArray(_sortedY, _listed);
        writer.WriteArray(_bucketStart);
    }

    /// <summary>Restores the space from a checkpoint.</summary>
    public void ReadFrom(CheckpointReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var capacity = reader.ReadCount();
        if (capacity > Array.MaxLength / 8)
        {
            throw new CheckpointFormatException("The checkpoint is corrupt: space capacity out of range.");
        }

        _x = new double[capacity];
        _y = new double[capacity];
        _placed = new bool[capacity];
        _drift = new double[capacity];
        _sortedIndex = new int[capacity];
        _sortedSlot = new int[capacity];
        _sortedX = new double[capacity];
        _sortedY = new double[capacity];
        _count = reader.ReadCount();
        _listed = reader.ReadCount();
        _slack = reader.ReadDouble();
        _dirty = reader.ReadBool();
        if (_count > capacity || _listed > capacity || !(_slack >= 0))
        {
            throw new CheckpointFormatException("The checkpoint is corrupt: inconsistent space counts.");
        }

        reader.ReadExact<double>(_x, capacity);
        reader.ReadExact<double>(_y, capacity);
        reader.ReadExact<bool>(_placed, capacity);
        reader.ReadExact<double>(_drift, capacity);
        reader.ReadExact<int>(_sortedIndex, capacity);
        reader.ReadExact<int>(_sortedSlot, _listed);
        reader.ReadExact<double>(_sortedX, _listed);
        reader.ReadExact<double>(_sortedY, _listed);
        reader.ReadExact<int>(_bucketStart, _bucketStart.Length);
        if (_bucketStart[^1] != _listed)
        {
            throw new CheckpointFormatException("The checkpoint is corrupt: cell lists do not match the agent count.");
        }

        for (var i = 0; i < _listed; i++)
        {
            if ((uint)_sortedSlot[i] >= (uint)capacity)
            {
                throw new CheckpointFormatException("The checkpoint is corrupt: a cell list names an unknown agent.");
            }
        }
    }

    /// <summary>Scans one contiguous run of cell-list entries against a query point.</summary>
    private interface IRunScanner
    {
        void Scan(int start, int end, double qx, double qy, bool wrap);
    }

    private struct VisitingScanner<TVisitor>(ContinuousSpace space, double r2, int exclude, TVisitor visitor) : IRunScanner
        where TVisitor : struct, INeighbourVisitor
    {
        public TVisitor Visitor = visitor;

        public void Scan(int start, int end, double qx, double qy, bool wrap)
        {
            var xs = space._sortedX;
            var ys = space._sortedY;
            var slots = space._sortedSlot;
            for (var k = start; k < end; k++)
            {
                var dx = xs[k] - qx;
                var dy = ys[k] - qy;
                if (wrap)
                {
                    dx = Wrap(dx, space.Width);
                    dy = Wrap(dy, space.Height);
                }

                var d2 = (dx * dx) + (dy * dy);
                if (d2 <= r2)
                {
                    var slot = slots[k];
                    if (slot != exclude)
                    {
                        Visitor.Visit(slot, dx, dy, d2);
                    }
                }
            }
        }
    }

    private struct CompactingWriter(ContinuousSpace space, NeighbourBuffer buffer, double r2, int exclude) : IRunScanner
    {
        public int Count;

        public void Scan(int start, int end, double qx, double qy, bool wrap)
        {
            var xs = space._sortedX;
            var ys = space._sortedY;
            var slots = space._sortedSlot;
            var outSlots = buffer.Slots;
            var outDx = buffer.Dx;
            var outDy = buffer.Dy;
            var outD2 = buffer.DistanceSquared;
            var width = space.Width;
            var height = space.Height;
            var n = Count;
            for (var k = start; k < end; k++)
            {
                var dx = xs[k] - qx;
                var dy = ys[k] - qy;
                if (wrap)
                {
                    dx = Wrap(dx, width);
                    dy = Wrap(dy, height);
                }

                var d2 = (dx * dx) + (dy * dy);
                var slot = slots[k];
                outSlots[n] = slot;
                outDx[n] = dx;
                outDy[n] = dy;
                outD2[n] = d2;
                // Non-short-circuit: both tests become flags, the count advances without a branch.
                n += Unsafe.BitCast<bool, byte>((d2 <= r2) & (slot != exclude));
            }

            Count = n;
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
