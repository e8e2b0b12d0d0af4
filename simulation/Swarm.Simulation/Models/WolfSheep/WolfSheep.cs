using Swarm.Simulation.Agents;
using Swarm.Simulation.Catalog;
using Swarm.Simulation.Spaces;

namespace Swarm.Simulation.Models.WolfSheep;

/// <summary>
/// Wolf–sheep–grass predation, as the ABM framework comparison declares it: every step all sheep act (fresh random
/// order), then all wolves, then the grass grows. Grass is a countdown per cell: 0 is fully grown.
/// </summary>
/// <remarks>Initial energies are uniform whole numbers in [1, 2 × gain]; each cell starts grown with probability ½, else with a countdown uniform in [1, regrowth].</remarks>
[Model("Wolf-sheep-grass predation on a grid (ABM framework comparison).")]
public sealed class WolfSheep : Model<WolfSheepParameters>
{
    /// <summary>Animals at random cells, about half the grass grown.</summary>
    public WolfSheep(WolfSheepParameters p, ModelContext context)
        : base(p, context)
    {
        ArgumentNullException.ThrowIfNull(p);
        Topology = new GridTopology(p.Width, p.Height, p.Torus);
        // One id sequence for both types, so ids are unique across the model (the sets checkpoint it).
        var ids = new AgentIdSequence();
        Sheep = new AgentSet<Sheep>(p.InitialSheep * 4, ids);
        Wolves = new AgentSet<Wolf>(p.InitialWolves * 4, ids);
        SheepGrid = new MultiGrid(Topology, Sheep, p.InitialSheep * 4);
        Grass = new PropertyLayer<int>("grassCountdown", Topology);
        for (var i = 0; i < p.InitialSheep; i++)
        {
            var cell = Random.NextInt(Topology.CellCount);
            SheepGrid.Place(Sheep.Add(new Sheep { Energy = Random.NextInt(1, (int)Math.Max(1, 2 * p.SheepGainFromFood)) }), cell);
        }

        for (var i = 0; i < p.InitialWolves; i++)
        {
            Wolves.Add(new Wolf { Cell = Random.NextInt(Topology.CellCount), Energy = Random.NextInt(1, (int)Math.Max(1, 2 * p.WolfGainFromFood)) });
        }

        for (var c = 0; c < Topology.CellCount; c++)
        {
            Grass[c] = Random.NextBool() ? 0 : Random.NextInt(1, p.GrassRegrowthTime);
        }

        Reporter("sheep", () => Sheep.Count, MetricDomain.Count);
        Reporter("wolves", () => Wolves.Count, MetricDomain.Count);
        Reporter("grass", () => Grass.Count(0), MetricDomain.Count);
        AgentReporter(Sheep, "type", (_, _) => 0);
        AgentReporter(Sheep, "x", (_, self) => Topology.XOf(SheepGrid.CellOf(self)));
        AgentReporter(Sheep, "y", (_, self) => Topology.YOf(SheepGrid.CellOf(self)));
        AgentReporter(Sheep, "energy", (s, _) => s.Energy);
        AgentReporter(Wolves, "type", (_, _) => 1);
        AgentReporter(Wolves, "x", (w, _) => Topology.XOf(w.Cell));
        AgentReporter(Wolves, "y", (w, _) => Topology.YOf(w.Cell));
        AgentReporter(Wolves, "energy", (w, _) => w.Energy);
    }

    /// <summary>The grid.</summary>
    public GridTopology Topology { get; }

    /// <summary>The sheep.</summary>
    public AgentSet<Sheep> Sheep { get; }

    /// <summary>The wolves (each knows its cell; nothing looks wolves up by cell).</summary>
    public AgentSet<Wolf> Wolves { get; }

    /// <summary>Where the sheep are, so that a wolf finds its prey.</summary>
    public MultiGrid SheepGrid { get; }

    /// <summary>Grass countdown per cell; 0 is fully grown.</summary>
    public PropertyLayer<int> Grass { get; }

    /// <inheritdoc />
    public override int AgentCount => Sheep.Count + Wolves.Count;

    /// <inheritdoc />
    protected override void StepCore()
    {
        Sheep.ShuffleDo(this);
        Wolves.ShuffleDo(this);
        Grass.Add(-1);
        Grass.Clamp(0, int.MaxValue);
    }
}
