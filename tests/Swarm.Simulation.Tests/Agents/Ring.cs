using Swarm.Simulation.Agents;

namespace Swarm.Simulation.Tests.Agents;

/// <summary>Five cells in a ring; each takes its left neighbour's value, staged.</summary>
public sealed class Ring : Model<RingParameters>
{
    public Ring(RingParameters p, ModelContext context)
        : base(p, context)
    {
        for (var i = 1; i <= 5; i++)
        {
            Cells.Add(new RingCell { Value = i });
        }
    }

    public AgentSet<RingCell> Cells { get; } = new();

    public override int AgentCount => Cells.Count;

    protected override void StepCore() => Cells.StagedDo(this);
}
