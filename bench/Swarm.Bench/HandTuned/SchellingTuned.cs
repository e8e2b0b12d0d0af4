using System.Runtime.CompilerServices;
using Swarm.Simulation;
using Swarm.Simulation.Checkpoints;
using Swarm.Simulation.Models.Schelling;
using Swarm.Simulation.Spaces;

namespace Swarm.Bench.HandTuned;

/// <summary>
/// Schelling's segregation model, as declared by the ABM framework comparison: agents of two
/// groups on a bounded grid, one per cell, activated in a fresh random order each step; an agent
/// with fewer than <c>minToBeHappy</c> same-group neighbours (Chebyshev radius) moves to a
/// uniformly random empty cell, otherwise it is happy.
/// </summary>
/// <remarks>
/// <para>Agents are entities with ids 0 .. K-1 (their slots); group of agent n is 1 for
/// n &lt; K/2 and 2 otherwise, as in the comparison's Agents.jl reference. Every agent starts
/// unhappy at a uniformly random empty cell.</para>
/// <para>Storage per agent: cell (4 bytes), group (1), happy (1), activation order (4); per cell:
/// two ints (<see cref="SingleGrid"/>) and, on a bounded grid, one byte of a padded group layer.</para>
/// <para>The group layer mirrors each cell's occupant group (0 = empty) with an empty border as
/// wide as the radius, so counting same-group neighbours is a fixed, branch-free sum over precomputed
/// offsets: the near coin-flip "same group?" test never costs a mispredicted branch. On a torus the
/// count walks the neighbourhood cells instead and stops as soon as the agent has enough.</para>
/// </remarks>
public sealed class SchellingTuned : Model<SchellingParameters>
{
    private readonly SingleGrid _grid;
    private readonly GridNeighbourhood _neighbourhood;
    [NotCheckpointed]
    private readonly int[] _order;
    private readonly int[] _cell;
    private readonly byte[] _group;
    private readonly bool[] _happy;
    [NotCheckpointed]
    private readonly int[] _neighbourCells;
    [NotCheckpointed]
    private readonly int[] _interiorOffsets;
    private readonly byte[] _groupLayer;
    [NotCheckpointed]
    private readonly int[] _groupLayerOffsets;
    private readonly int _layerWidth;
    private readonly int _agents;
    private readonly int _minToBeHappy;
    private int _happyCount;
    private int _moved;

    /// <summary>Creates the model and places every agent on a random empty cell.</summary>
    public SchellingTuned(SchellingParameters parameters, ModelContext context)
        : base(parameters, context)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _agents = parameters.Agents;
        _minToBeHappy = parameters.MinToBeHappy;
        var topology = new GridTopology(parameters.Width, parameters.Height, parameters.Torus);
        _grid = new SingleGrid(topology);
        _neighbourhood = new GridNeighbourhood(topology, NeighbourhoodKind.Moore, parameters.Radius);
        _neighbourCells = new int[_neighbourhood.MaxCount];
        _interiorOffsets = new int[_neighbourhood.MaxCount];
        for (var i = 0; i < _interiorOffsets.Length; i++)
        {
            _interiorOffsets[i] = (_neighbourhood.OffsetsY[i] * topology.Width) + _neighbourhood.OffsetsX[i];
        }

        // Bounded grids get a copy of each cell's group (0 = empty) with a border of empty cells as wide
        // as the radius: every neighbourhood is then a fixed set of offsets, counted without a branch.
        var r = parameters.Radius;
        _layerWidth = parameters.Torus ? 0 : topology.Width + (2 * r);
        _groupLayer = parameters.Torus ? [] : new byte[_layerWidth * (topology.Height + (2 * r))];
        _groupLayerOffsets = new int[_neighbourhood.MaxCount];
        for (var i = 0; i < _groupLayerOffsets.Length; i++)
        {
            _groupLayerOffsets[i] = (_neighbourhood.OffsetsY[i] * _layerWidth) + _neighbourhood.OffsetsX[i];
        }

        _order = new int[_agents];
        _cell = new int[_agents];
        _group = new byte[_agents];
        _happy = new bool[_agents];
        for (var n = 0; n < _agents; n++)
        {
            _group[n] = n < _agents / 2.0 ? (byte)1 : (byte)2;
            var cell = _grid.RandomEmptyCell(Random);
            _grid.Place(n, cell);
            _cell[n] = cell;
        }

        FillGroupLayer();

        Reporter("happy", () => _happyCount);
        Reporter("happyFraction", () => _agents == 0 ? 0.0 : (double)_happyCount / _agents);
        Reporter("moved", () => _moved);
    }

    /// <summary>The grid.</summary>
    public SingleGrid Grid => _grid;

    /// <summary>Number of agents.</summary>
    public override int AgentCount => _agents;

    /// <summary>Agents that were happy when last activated.</summary>
    public int HappyCount => _happyCount;

    /// <summary>Agents that moved in the last step.</summary>
    public int MovedLastStep => _moved;

    /// <summary>The cell of agent <paramref name="agent"/>.</summary>
    public int CellOf(int agent) => _cell[agent];

    /// <summary>The group (1 or 2) of agent <paramref name="agent"/>.</summary>
    public int GroupOf(int agent) => _group[agent];

    /// <summary>Whether agent <paramref name="agent"/> was happy when last activated.</summary>
    public bool IsHappy(int agent) => _happy[agent];

    /// <inheritdoc />
    protected override void StepCore()
    {
        if (_groupLayer.Length > 0)
        {
            StepBounded();
        }
        else
        {
            StepTorus();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void StepBounded()
    {
        var order = ActivationOrder.Shuffled(_order, _agents, Random);
        var layer = _groupLayer;
        var offsets = _groupLayerOffsets;
        var groups = _group;
        var happy = _happy;
        var cellOf = _cell;
        var width = _grid.Topology.Width;
        var layerWidth = _layerWidth;
        var r = _neighbourhood.Radius;
        var min = _minToBeHappy;
        var moved = 0;
        var happyCount = _happyCount;
        foreach (var agent in order)
        {
            var cell = cellOf[agent];
            var group = groups[agent];
            var y = cell / width;
            var at = ((y + r) * layerWidth) + (cell - (y * width)) + r;
            var same = 0;
            for (var i = 0; i < offsets.Length; i++)
            {
                same += Unsafe.BitCast<bool, byte>(layer[at + offsets[i]] == group);
            }

            if (same >= min)
            {
                if (!happy[agent])
                {
                    happy[agent] = true;
                    happyCount++;
                }
            }
            else
            {
                if (happy[agent])
                {
                    happy[agent] = false;
                    happyCount--;
                }

                var to = _grid.MoveToRandomEmpty(agent, Random);
                cellOf[agent] = to;
                layer[at] = 0;
                var ty = to / width;
                layer[((ty + r) * layerWidth) + (to - (ty * width)) + r] = group;
                moved++;
            }
        }

        _happyCount = happyCount;
        _moved = moved;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void StepTorus()
    {
        var order = ActivationOrder.Shuffled(_order, _agents, Random);
        var cells = _grid.Cells;
        var groups = _group;
        var happy = _happy;
        var cellOf = _cell;
        var offsets = _interiorOffsets;
        var topology = _grid.Topology;
        var width = topology.Width;
        var r = _neighbourhood.Radius;
        var xMax = width - r;
        var yMax = topology.Height - r;
        var min = _minToBeHappy;
        var moved = 0;
        var happyCount = _happyCount;
        foreach (var agent in order)
        {
            var cell = cellOf[agent];
            var group = groups[agent];
            var same = 0;
            var y = cell / width;
            var x = cell - (y * width);
            if (x >= r && y >= r && x < xMax && y < yMax)
            {
                for (var i = 0; i < offsets.Length && same < min; i++)
                {
                    var occupant = cells[cell + offsets[i]];
                    if (occupant >= 0 && groups[occupant] == group)
                    {
                        same++;
                    }
                }
            }
            else
            {
                same = CountSameAtEdge(cell, group, cells);
            }

            if (same >= min)
            {
                if (!happy[agent])
                {
                    happy[agent] = true;
                    happyCount++;
                }
            }
            else
            {
                if (happy[agent])
                {
                    happy[agent] = false;
                    happyCount--;
                }

                cellOf[agent] = _grid.MoveToRandomEmpty(agent, Random);
                moved++;
            }
        }

        _happyCount = happyCount;
        _moved = moved;
    }

    private void FillGroupLayer()
    {
        if (_groupLayer.Length == 0)
        {
            return;
        }

        Array.Clear(_groupLayer);
        var width = _grid.Topology.Width;
        var r = _neighbourhood.Radius;
        for (var n = 0; n < _agents; n++)
        {
            var y = _cell[n] / width;
            _groupLayer[((y + r) * _layerWidth) + (_cell[n] - (y * width)) + r] = _group[n];
        }
    }

    private int CountSameAtEdge(int cell, byte group, ReadOnlySpan<int> cells)
    {
        var n = _neighbourhood.Collect(cell, _neighbourCells);
        var same = 0;
        for (var i = 0; i < n; i++)
        {
            var occupant = cells[_neighbourCells[i]];
            if (occupant >= 0 && _group[occupant] == group)
            {
                same++;
            }
        }

        return same;
    }

}
