using Swarm.Simulation.Catalog;
using Swarm.Simulation.Checkpoints;
using Swarm.Simulation.Data;
using Swarm.Simulation.Scheduling;
using Swarm.Simulation.Spaces;

namespace Swarm.Simulation.Models.Flocking;

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
public sealed class FlockingModel : Model
{
    /// <summary>The catalog name.</summary>
    public const string CatalogName = "flocking";

    private static readonly IReadOnlyList<string> AgentReporterList = ["x", "y", "vx", "vy"];

    private readonly ContinuousSpace _space;
    private readonly RandomActivation _schedule;
    private readonly double[] _vx;
    private readonly double[] _vy;
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
    public FlockingModel(FlockingParameters parameters, ulong seed, ulong runKey = 0)
        : base(CatalogName, Checked(parameters).ToModelParameters(), seed, runKey, parameters.CollectEvery, ModelReporters, parameters.CollectAgents ? AgentReporterList : [])
    {
        Settings = parameters;
        _birds = parameters.Birds;
        _visualDistance = parameters.VisualDistance;
        _speed = parameters.Speed;
        _cohereFactor = parameters.CohereFactor;
        _separationSquared = parameters.Separation * parameters.Separation;
        _separateFactor = parameters.SeparateFactor;
        _matchFactor = parameters.MatchFactor;
        // Buckets twice the visual distance: a query touches two or three short rows of contiguous entries, and per-row overhead outweighs the extra candidates (measured).
        _space = new ContinuousSpace(parameters.Width, parameters.Height, torus: true, cellSize: parameters.VisualDistance * 2, agentCapacity: _birds);
        _schedule = new RandomActivation(_birds);
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

        CompleteConstruction();
    }

    /// <summary>
    /// The model reporters: <c>alignment</c> (length of the mean velocity: 1 when all birds fly the
    /// same way, near 0 when headings are random) and <c>meanNeighbours</c> (neighbours per bird in the last step).
    /// </summary>
    public static IReadOnlyList<string> ModelReporters { get; } = ["alignment", "meanNeighbours"];

    /// <summary>The typed parameters.</summary>
    public FlockingParameters Settings { get; }

    /// <summary>The space.</summary>
    public ContinuousSpace Space => _space;

    /// <summary>Number of birds.</summary>
    public int BirdCount => _birds;

    /// <summary>The birds.</summary>
    public override int AgentCount => _birds;

    /// <inheritdoc />
    protected override int StateVersion => 1;

    /// <summary>The velocity of bird <paramref name="bird"/>.</summary>
    public (double Vx, double Vy) VelocityOf(int bird) => (_vx[bird], _vy[bird]);

    /// <inheritdoc />
    public override double Report(int reporter) => reporter switch
    {
        0 => Alignment(),
        1 => _birds == 0 ? 0.0 : (double)_neighboursLastStep / _birds,
        _ => throw new ArgumentOutOfRangeException(nameof(reporter)),
    };

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
        var order = _schedule.Order(_birds, Random);
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

    /// <inheritdoc />
    protected override void CollectAgentRows(AgentRowSink sink)
    {
        Span<double> row = stackalloc double[4];
        for (var b = 0; b < _birds; b++)
        {
            row[0] = _space.XOf(b);
            row[1] = _space.YOf(b);
            row[2] = _vx[b];
            row[3] = _vy[b];
            sink.Add(b, row);
        }
    }

    /// <inheritdoc />
    protected override void WriteState(CheckpointWriter writer)
    {
        writer.WriteInt64(_neighboursLastStep);
        writer.WriteArray(_vx);
        writer.WriteArray(_vy);
        _space.WriteTo(writer);
    }

    /// <inheritdoc />
    protected override void ReadState(CheckpointReader reader)
    {
        _neighboursLastStep = reader.ReadInt64();
        reader.ReadExact<double>(_vx, _birds);
        reader.ReadExact<double>(_vy, _birds);
        _space.ReadFrom(reader);
    }

    private static FlockingParameters Checked(FlockingParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var errors = ParameterValidation.Validate(FlockingParameters.Schema, parameters.ToModelParameters());
        return errors.Count == 0 ? parameters : throw new ModelParameterException(CatalogName, errors);
    }
}
