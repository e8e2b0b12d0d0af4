using Swarm.Simulation.Agents;
using Swarm.Simulation.Catalog;
using Swarm.Simulation.Spaces;

namespace Swarm.Simulation.Models.ForestFire;

/// <summary>
/// Forest fire, as the ABM framework comparison declares it: each cell is empty, green, burning or burnt; every step
/// each burning tree sets its green von Neumann neighbours alight and burns out.
/// </summary>
/// <remarks>
/// The fires are the agents: a tree catching fire is a birth, burning out a death. Fires lit during a step are not
/// stepped until the next, so the fire front advances one cell per step, as with simultaneous activation. One draw
/// per cell in row order decides the trees (below <c>density</c>); then the whole left column is set burning.
/// </remarks>
[Model("Forest fire spreading through a grid of trees (ABM framework comparison).")]
public sealed class ForestFire : Model<ForestFireParameters>
{
    /// <summary>Plants the forest and lights the left-most column.</summary>
    public ForestFire(ForestFireParameters p, ModelContext context)
        : base(p, context)
    {
        ArgumentNullException.ThrowIfNull(p);
        var topology = new GridTopology(p.Width, p.Height, p.Torus);
        Forest = new PropertyLayer<Tree>("tree", topology);
        Around = new GridNeighbourhood(topology, NeighbourhoodKind.VonNeumann, 1);
        for (var c = 0; c < topology.CellCount; c++)
        {
            Forest[c] = Random.NextDouble() < p.Density ? Tree.Green : Tree.Empty;
        }

        for (var y = 0; y < p.Height; y++)
        {
            Forest[topology.CellOf(0, y)] = Tree.Burning;
            Fires.Add(new Fire { Cell = topology.CellOf(0, y) });
        }

        TreeCount = topology.CellCount - Forest.Count(Tree.Empty);
        Reporter("green", () => Forest.Count(Tree.Green), MetricDomain.Count);
        Reporter("burning", () => Fires.Count, MetricDomain.Count);
        Reporter("burnt", () => Forest.Count(Tree.Burnt), MetricDomain.Count);
        Reporter("burntFraction", () => TreeCount == 0 ? 0 : Forest.Count(Tree.Burnt) / (double)TreeCount, MetricDomain.Fraction);
        AgentReporter(Fires, "x", (f, _) => topology.XOf(f.Cell));
        AgentReporter(Fires, "y", (f, _) => topology.YOf(f.Cell));
    }

    /// <summary>The state of every cell.</summary>
    public PropertyLayer<Tree> Forest { get; }

    /// <summary>The burning trees.</summary>
    public AgentSet<Fire> Fires { get; } = new();

    /// <summary>The four cells a fire spreads to.</summary>
    public GridNeighbourhood Around { get; }

    /// <summary>Trees of any state (the comparison counts them as this model's agents).</summary>
    public int TreeCount { get; }

    /// <inheritdoc />
    public override int AgentCount => TreeCount;

    /// <inheritdoc />
    protected override void StepCore() => Fires.Do(this);
}
