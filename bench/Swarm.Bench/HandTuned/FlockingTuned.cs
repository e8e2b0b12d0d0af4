using Swarm.Simulation;
using Swarm.Simulation.Checkpoints;
using Swarm.Simulation.Models.Flocking;
using Swarm.Simulation.Spaces;

namespace Swarm.Bench.HandTuned;

/// <summary>
/// Boids flocking in a periodic continuous space, as declared by the ABM framework comparison:
/// each step, in a fresh random order, a bird finds the birds within its visual distance, averages
/// a coherence, a separation and a matching vector over them, sets its velocity to
/// <c>(v + cohere + separate + match) / 2</c> normalised to unit length, and moves <c>speed</c> along it.
/// </summary>
/// <remarks>
/// <para>Neighbours are the birds at Euclidean distance ≤ visual distance, the shortest way round
/// the torus; separation applies to those strictly closer than <c>separation</c>. Birds move one
/// at a time, so later birds see earlier birds' new positions and velocities (sequential
/// activation, as in the comparison).</para>
/// <para>Initial positions are uniform; initial velocities are uniform in [-1, 1]² normalised
/// to unit length, since the declaration requires unit velocities throughout.</para>
/// </remarks>
public sealed class FlockingTuned : Model<FlockingParameters>
{
    private readonly ContinuousSpace _space;
    [NotCheckpointed]
    private readonly int[] _order;
    private readonly double[] _vx;
    private readonly double[] _vy;
    [NotCheckpointed]
    private readonly NeighbourBuffer _neighbours;
    private readonly int _birds;
    private readonly double _visualDistance;
    private readonly double _speed;
    private readonly double _cohereFactor;
    private readonly double _separationSquared;
    private readonly double _separateFactor;
    private readonly double _matchFactor;
    private long _neighboursLastStep;

    /// <summary>Creates the model with birds at random positions and headings.</summary>
    public FlockingTuned(FlockingParameters parameters, ModelContext context)
        : base(parameters, context)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _birds = parameters.Birds;
        _visualDistance = parameters.VisualDistance;
        _speed = parameters.Speed;
        _cohereFactor = parameters.CohereFactor;
        _separationSquared = parameters.Separation * parameters.Separation;
        _separateFactor = parameters.SeparateFactor;
        _matchFactor = parameters.MatchFactor;
        // Buckets twice the visual distance: a query touches two or three short rows of contiguous entries, and per-row overhead outweighs the extra candidates (measured).
        _space = new ContinuousSpace(parameters.Width, parameters.Height, torus: true, cellSize: parameters.VisualDistance * 2, agentCapacity: _birds);
        _order = new int[_birds];
        _vx = new double[_birds];
        _vy = new double[_birds];
        _neighbours = new NeighbourBuffer(_birds);
        for (var b = 0; b < _birds; b++)
        {
            var x = Random.NextDouble() * parameters.Width;
            var y = Random.NextDouble() * parameters.Height;
            double vx, vy, norm;
            do
            {
                vx = (Random.NextDouble() * 2) - 1;
                vy = (Random.NextDouble() * 2) - 1;
                norm = Math.Sqrt((vx * vx) + (vy * vy));
            }
            while (norm == 0);

            _vx[b] = vx / norm;
            _vy[b] = vy / norm;
            _space.Add(b, x, y);
        }

        Reporter("alignment", Alignment);
        Reporter("meanNeighbours", () => _birds == 0 ? 0.0 : (double)_neighboursLastStep / _birds);
    }

    /// <summary>The space.</summary>
    public ContinuousSpace Space => _space;

    /// <summary>Number of birds.</summary>
    public int BirdCount => _birds;

    /// <summary>The birds.</summary>
    public override int AgentCount => _birds;

    /// <summary>The velocity of bird <paramref name="bird"/>.</summary>
    public (double Vx, double Vy) VelocityOf(int bird) => (_vx[bird], _vy[bird]);

    private double Alignment()
    {
        if (_birds == 0)
        {
            return 0;
        }

        double sx = 0, sy = 0;
        for (var b = 0; b < _birds; b++)
        {
            sx += _vx[b];
            sy += _vy[b];
        }

        return Math.Sqrt((sx * sx) + (sy * sy)) / _birds;
    }

    /// <inheritdoc />
    protected override void StepCore()
    {
        var order = ActivationOrder.Shuffled(_order, _birds, Random);
        var space = _space;
        // Birds move at most `speed` per step: lists rebuilt once per step keep every query's window within a bucket of slack.
        space.Rebuild();
        var vx = _vx;
        var vy = _vy;
        long neighbours = 0;
        var found = _neighbours;
        var separationSquared = _separationSquared;
        foreach (var bird in order)
        {
            var count = space.Collect(space.XOf(bird), space.YOf(bird), _visualDistance, bird, found);
            neighbours += count;
            double cohereX = 0, cohereY = 0, separateX = 0, separateY = 0, matchX = 0, matchY = 0;
            var slots = found.Slots.AsSpan(0, count);
            var dxs = found.Dx.AsSpan(0, count);
            var dys = found.Dy.AsSpan(0, count);
            var d2s = found.DistanceSquared.AsSpan(0, count);
            for (var i = 0; i < slots.Length; i++)
            {
                var dx = dxs[i];
                var dy = dys[i];
                cohereX += dx;
                cohereY += dy;
                if (d2s[i] < separationSquared)
                {
                    separateX -= dx;
                    separateY -= dy;
                }

                matchX += vx[slots[i]];
                matchY += vy[slots[i]];
            }

            var n = (double)Math.Max(count, 1);
            var cohere = _cohereFactor / n;
            var separate = _separateFactor / n;
            var match = _matchFactor / n;
            var nvx = (vx[bird] + (cohereX * cohere) + (separateX * separate) + (matchX * match)) / 2;
            var nvy = (vy[bird] + (cohereY * cohere) + (separateY * separate) + (matchY * match)) / 2;
            var norm = Math.Sqrt((nvx * nvx) + (nvy * nvy));
            if (norm > 0)
            {
                vx[bird] = nvx / norm;
                vy[bird] = nvy / norm;
            }

            space.Move(bird, space.XOf(bird) + (vx[bird] * _speed), space.YOf(bird) + (vy[bird] * _speed));
        }

        _neighboursLastStep = neighbours;
    }

}
