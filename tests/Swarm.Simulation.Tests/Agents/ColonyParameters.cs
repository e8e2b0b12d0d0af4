using Swarm.Simulation.Catalog;

namespace Swarm.Simulation.Tests.Agents;

public sealed record ColonyParameters
{
    [Parameter("Agents at the start.", Min = 0, Max = 10_000)]
    public int Founders { get; init; } = 50;

    [Parameter("Probability per step that an agent dies.", Min = 0, Max = 1)]
    public double Death { get; init; } = 0.2;

    [Parameter("Probability per step that an agent kills a random other.", Min = 0, Max = 1)]
    public double Kill { get; init; } = 0.1;

    [Parameter("Probability per step that an agent has a child.", Min = 0, Max = 1)]
    public double Birth { get; init; } = 0.35;
}
