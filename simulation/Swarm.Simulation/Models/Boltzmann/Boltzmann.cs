using Swarm.Simulation.Agents;
using Swarm.Simulation.Catalog;
using Swarm.Simulation.Data;
using Swarm.Simulation.Spaces;

namespace Swarm.Simulation.Models.Boltzmann;

/// <summary>
/// The Boltzmann wealth model of Mesa's benchmarks: agents start with wealth 1 on a grid; each step, in a fresh
/// random order, an agent moves to a random adjacent cell and, if it has wealth, gives 1 to another agent there.
/// </summary>
/// <remarks>Total wealth is conserved; its distribution relaxes towards an exponential, the Gini coefficient from 0 towards about 0.5.</remarks>
[Model("Boltzmann wealth exchange on a grid (Mesa's benchmark model).")]
public sealed class Boltzmann : Model<BoltzmannParameters>
{
    /// <summary>Places every agent, with wealth 1, on a random cell.</summary>
    public Boltzmann(BoltzmannParameters p, ModelContext context)
        : base(p, context)
    {
        ArgumentNullException.ThrowIfNull(p);
        People = new AgentSet<Person>(p.Agents);
        Grid = new MultiGrid(new GridTopology(p.Width, p.Height, p.Torus), People, p.Agents);
        for (var a = 0; a < p.Agents; a++)
        {
            Grid.Place(People.Add(new Person { Wealth = 1 }), Random.NextInt(Grid.Topology.CellCount));
        }

        Reporter("gini", () => Inequality.Gini(People, a => a.Wealth), MetricDomain.Fraction);
        Reporter("totalWealth", () => People.Sum(a => a.Wealth), MetricDomain.Count);
        Reporter("maxWealth", () => People.Max(a => a.Wealth), MetricDomain.Count);
        AgentReporter(People, "x", (_, self) => Grid.Topology.XOf(Grid.CellOf(self)));
        AgentReporter(People, "y", (_, self) => Grid.Topology.YOf(Grid.CellOf(self)));
        AgentReporter(People, "wealth", (a, _) => a.Wealth);
    }

    /// <summary>The agents.</summary>
    public AgentSet<Person> People { get; }

    /// <summary>The grid, any number of agents per cell.</summary>
    public MultiGrid Grid { get; }

    /// <inheritdoc />
    public override int AgentCount => People.Count;

    /// <inheritdoc />
    protected override void StepCore() => People.ShuffleDo(this);
}
