using Swarm.Simulation;
using Swarm.Simulation.Checkpoints;
using Swarm.Simulation.Models.ForestFire;
using Swarm.Simulation.Spaces;

namespace Swarm.Bench.HandTuned;

/// <summary>
/// Forest fire propagation, as declared by the ABM framework comparison: a cellular automaton where
/// each cell is empty (0), green (1), burning (2) or burnt (3). Every step each burning tree sets
/// its green von Neumann neighbours alight and then burns out.
/// </summary>
/// <remarks>
/// <para>Initialisation: one uniform draw per cell in row order; a draw below <c>density</c> makes a
/// green tree. Then every cell of the left-most column (x = 0) is set burning, as the declaration
/// says (the Agents.jl and Mesa versions ignite only the trees in that column; the spread that
/// follows is the same, since empty border cells simply pass the fire to their green neighbours).</para>
/// <para>The fire front is kept as a list of burning cells, so a step costs O(front), not O(grid);
/// trees lit during a step only spread fire from the next step on, which makes the step the same
/// as simultaneous activation.</para>
/// </remarks>
public sealed class ForestFireTuned : Model<ForestFireParameters>
{
    /// <summary>State of an empty cell.</summary>
    public const byte Empty = 0;

    /// <summary>State of a green tree.</summary>
    public const byte Green = 1;

    /// <summary>State of a burning tree.</summary>
    public const byte Burning = 2;

    /// <summary>State of a burnt tree.</summary>
    public const byte Burnt = 3;

    private readonly PropertyLayer<byte> _trees;
    private readonly GridNeighbourhood _neighbourhood;
    [NotCheckpointed]
    private readonly int[] _neighbours;
    private int[] _front;
    private int[] _nextFront;
    private int _frontCount;
    private int _green;
    private int _burnt;
    private readonly int _treeCount;

    /// <summary>Creates the forest and lights the left-most column.</summary>
    public ForestFireTuned(ForestFireParameters parameters, ModelContext context)
        : base(parameters, context)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var topology = new GridTopology(parameters.Width, parameters.Height, parameters.Torus);
        _trees = new PropertyLayer<byte>("tree", topology);
        _neighbourhood = new GridNeighbourhood(topology, NeighbourhoodKind.VonNeumann, 1);
        _neighbours = new int[_neighbourhood.MaxCount];
        var trees = _trees.Values;
        var density = parameters.Density;
        var green = 0;
        for (var c = 0; c < trees.Length; c++)
        {
            if (Random.NextDouble() < density)
            {
                trees[c] = Green;
                green++;
            }
        }

        // A cell burns at most once, so a front never exceeds the grid; uninitialised because every slot is written before it is read.
        _front = GC.AllocateUninitializedArray<int>(trees.Length);
        _nextFront = GC.AllocateUninitializedArray<int>(trees.Length);
        for (var y = 0; y < parameters.Height; y++)
        {
            var c = topology.CellOf(0, y);
            if (trees[c] == Green)
            {
                green--;
            }

            trees[c] = Burning;
            _front[_frontCount++] = c;
        }

        _green = green;
        _treeCount = green + _frontCount;

        Reporter("green", () => _green);
        Reporter("burning", () => _frontCount);
        Reporter("burnt", () => _burnt);
        Reporter("burntFraction", () => _treeCount == 0 ? 0.0 : (double)_burnt / _treeCount);
    }

    /// <summary>The state of every cell.</summary>
    public PropertyLayer<byte> Trees => _trees;

    /// <summary>Every tree, green, burning or burnt, as the framework comparison counts this model's agents.</summary>
    public override int AgentCount => _treeCount;

    /// <inheritdoc />
    protected override void StepCore()
    {
        var trees = _trees.Values;
        var front = _front;
        var nextFront = _nextFront;
        var neighbours = _neighbours;
        var next = 0;
        for (var i = 0; i < _frontCount; i++)
        {
            var cell = front[i];
            trees[cell] = Burnt;
            var n = _neighbourhood.Collect(cell, neighbours);
            for (var k = 0; k < n; k++)
            {
                var c = neighbours[k];
                if (trees[c] == Green)
                {
                    trees[c] = Burning;
                    nextFront[next++] = c;
                }
            }
        }

        _burnt += _frontCount;
        _green -= next;
        _frontCount = next;
        (_front, _nextFront) = (nextFront, front);
    }

}
