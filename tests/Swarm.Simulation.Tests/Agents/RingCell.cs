using Swarm.Simulation.Agents;

namespace Swarm.Simulation.Tests.Agents;

public struct RingCell : IStagedAgent<Ring>
{
    public int Value;

    public int Next;

    public void Stage(Ring model, int self)
    {
        ArgumentNullException.ThrowIfNull(model);
        Next = model.Cells[(self + 4) % 5].Value;
    }

    public void Apply(Ring model, int self) => Value = Next;
}
