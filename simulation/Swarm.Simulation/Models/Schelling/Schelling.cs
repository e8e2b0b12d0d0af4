using Swarm.Simulation.Agents;
using Swarm.Simulation.Catalog;
using Swarm.Simulation.Spaces;

namespace Swarm.Simulation.Models.Schelling;

/// <summary>
/// Schelling's segregation model, as the ABM framework comparison declares it: agents of two groups on a grid, one
/// per cell, activated in a fresh random order each step; an agent with fewer than <c>minToBeHappy</c> neighbours of
/// its own group (Chebyshev radius) moves to a random empty cell.
/// </summary>
[Model("Schelling's segregation model on a grid with one agent per cell (ABM framework comparison).")]
public sealed class Schelling : Model<SchellingParameters>
{
    /// <summary>Places the agents, the first half of group 1 and the rest of group 2, on random empty cells.</summary>
    public Schelling(SchellingParameters p, ModelContext context)
        : base(p, context)
    {
        ArgumentNullException.ThrowIfNull(p);
        Grid = new SingleGrid(new GridTopology(p.Width, p.Height, p.Torus), Residents);
        for (var n = 0; n < p.Agents; n++)
        {
            Grid.Place(Residents.Add(new Resident { Group = n < p.Agents / 2.0 ? 1 : 2 }), Grid.RandomEmptyCell(Random));
        }

        Reporter("happy", () => Residents.CountWhere(r => r.Happy), MetricDomain.Count);
        Reporter("happyFraction", () => p.Agents == 0 ? 0 : Residents.CountWhere(r => r.Happy) / (double)p.Agents, MetricDomain.Fraction);
        Reporter("moved", () => Moved, MetricDomain.Count);
        AgentReporter(Residents, "x", (_, self) => Grid.Topology.XOf(Grid.CellOf(self)));
        AgentReporter(Residents, "y", (_, self) => Grid.Topology.YOf(Grid.CellOf(self)));
        AgentReporter(Residents, "group", (r, _) => r.Group);
        AgentReporter(Residents, "happy", (r, _) => r.Happy ? 1 : 0);
    }

    /// <summary>The agents.</summary>
    public AgentSet<Resident> Residents { get; } = new();

    /// <summary>The grid they live on.</summary>
    public SingleGrid Grid { get; }

    /// <summary>Agents that moved in the last step.</summary>
    public int Moved { get; set; }

    /// <inheritdoc />
    public override int AgentCount => Residents.Count;

    /// <inheritdoc />
    protected override void StepCore()
    {
        Moved = 0;
        Residents.ShuffleDo(this);
    }
}
