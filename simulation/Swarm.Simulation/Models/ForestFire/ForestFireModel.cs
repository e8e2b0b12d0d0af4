using Swarm.Simulation.Catalog;
using Swarm.Simulation.Checkpoints;
using Swarm.Simulation.Data;
using Swarm.Simulation.Spaces;

namespace Swarm.Simulation.Models.ForestFire;

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
public sealed class ForestFireModel : Model
{
    /// <summary>The catalog name.</summary>
    public const string CatalogName = "forestfire";

    /// <summary>State of an empty cell.</summary>
    public const byte Empty = 0;

    /// <summary>State of a green tree.</summary>
    public const byte Green = 1;

    /// <summary>State of a burning tree.</summary>
    public const byte Burning = 2;

    /// <summary>State of a burnt tree.</summary>
    public const byte Burnt = 3;

    private static readonly IReadOnlyList<string> AgentReporterList = ["x", "y", "state"];

    private readonly PropertyLayer<byte> _trees;
    private readonly GridNeighbourhood _neighbourhood;
    private readonly int[] _neighbours;
    private int[] _front;
    private int[] _nextFront;
    private int _frontCount;
    private int _green;
    private int _burnt;
    private int _treeCount;

    /// <summary>Creates the forest and lights the left-most column.</summary>
    public ForestFireModel(ForestFireParameters parameters, ulong seed, ulong runKey = 0)
        : base(CatalogName, Checked(parameters).ToModelParameters(), seed, runKey, parameters.CollectEvery, ModelReporters, parameters.CollectAgents ? AgentReporterList : [])
    {
        Settings = parameters;
        var topology = new GridTopology(parameters.Width, parameters.Height, parameters.Torus);
        _trees = new PropertyLayer<byte>("tree", topology);
        _neighbourhood = new GridNeighbourhood(topology, Spaces.NeighbourhoodKind.VonNeumann, 1);
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
        CompleteConstruction();
    }

    /// <summary>The model reporters: green, burning and burnt trees, and the burnt share of all trees (the lit left column counts as trees).</summary>
    public static IReadOnlyList<string> ModelReporters { get; } = ["green", "burning", "burnt", "burntFraction"];

    /// <summary>The typed parameters.</summary>
    public ForestFireParameters Settings { get; }

    /// <summary>The state of every cell.</summary>
    public PropertyLayer<byte> Trees => _trees;

    /// <summary>Every tree, green, burning or burnt, as the framework comparison counts this model's agents.</summary>
    public override int AgentCount => _treeCount;

    /// <inheritdoc />
    protected override int StateVersion => 1;

    /// <inheritdoc />
    public override double Report(int reporter) => reporter switch
    {
        0 => _green,
        1 => _frontCount,
        2 => _burnt,
        3 => _treeCount == 0 ? 0.0 : (double)_burnt / _treeCount,
        _ => throw new ArgumentOutOfRangeException(nameof(reporter)),
    };

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

    /// <inheritdoc />
    protected override void CollectAgentRows(AgentRowSink sink)
    {
        var trees = _trees.Values;
        var t = _trees.Topology;
        Span<double> row = stackalloc double[3];
        for (var c = 0; c < trees.Length; c++)
        {
            if (trees[c] != Empty)
            {
                row[0] = t.XOf(c);
                row[1] = t.YOf(c);
                row[2] = trees[c];
                sink.Add(c, row);
            }
        }
    }

    /// <inheritdoc />
    protected override void WriteState(CheckpointWriter writer)
    {
        writer.WriteInt32(_green);
        writer.WriteInt32(_burnt);
        writer.WriteInt32(_treeCount);
        writer.WriteArray(_front, _frontCount);
        _trees.WriteTo(writer);
    }

    /// <inheritdoc />
    protected override void ReadState(CheckpointReader reader)
    {
        _green = reader.ReadInt32();
        _burnt = reader.ReadInt32();
        _treeCount = reader.ReadInt32();
        _frontCount = reader.ReadArrayInto<int>(_front);
        _trees.ReadFrom(reader);
        for (var i = 0; i < _frontCount; i++)
        {
            if ((uint)_front[i] >= (uint)_trees.Values.Length)
            {
                throw new CheckpointFormatException("The checkpoint is corrupt: a burning cell lies outside the grid.");
            }
        }

        if (_green + _frontCount + _burnt != _treeCount)
        {
            throw new CheckpointFormatException("The checkpoint is corrupt: tree counts do not add up.");
        }
    }

    private static ForestFireParameters Checked(ForestFireParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var errors = ParameterValidation.Validate(ForestFireParameters.Schema, parameters.ToModelParameters(), ForestFireParameters.CheckRules);
        return errors.Count == 0 ? parameters : throw new ModelParameterException(CatalogName, errors);
    }
}
