namespace Swarm.Simulation.Tests.Catalog;

/// <summary>A model whose parameter record cannot work: a catalog must refuse it, saying why.</summary>
public sealed class Misdeclared(MisdeclaredParameters p, ModelContext context) : Model<MisdeclaredParameters>(p, context)
{
    public override int AgentCount => 0;

    protected override void StepCore()
    {
    }
}
