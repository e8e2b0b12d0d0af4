using Swarm.Simulation.Agents;
using Swarm.Simulation.Catalog;
using Swarm.Simulation.Checkpoints;

namespace Swarm.Simulation.Tests.Agents;

/// <summary>A test model whose agents are born and die during every step, and kill each other.</summary>
[Model("Births and deaths during activation.")]
public sealed class Colony : Model<ColonyParameters>
{
    public Colony(ColonyParameters p, ModelContext context)
        : base(p, context)
    {
        ArgumentNullException.ThrowIfNull(p);
        for (var i = 0; i < p.Founders; i++)
        {
            Members.Add(new Member { Born = -1 });
        }

        Reporter("members", () => Members.Count);
        Reporter("births", () => Births);
        AgentReporter(Members, "born", (m, _) => m.Born);
    }

    public AgentSet<Member> Members { get; } = new(4);

    public int Births { get; set; }

    /// <summary>Slots stepped in the current step, in order (scratch for the tests, rebuilt every step).</summary>
    [NotCheckpointed]
    public List<int> Stepped { get; } = [];

    public override int AgentCount => Members.Count;

    protected override void StepCore()
    {
        Stepped.Clear();
        Members.ShuffleDo(this);
    }
}
