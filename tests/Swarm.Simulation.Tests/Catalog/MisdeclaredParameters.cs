using Swarm.Simulation.Catalog;

namespace Swarm.Simulation.Tests.Catalog;

public sealed record MisdeclaredParameters
{
    [Parameter("Bounds the wrong way round.", Min = 5, Max = 1)]
    public int Low { get; init; } = 3;

    [Parameter("A probability defaulting to 2.", Min = 0, Max = 1)]
    public double Rate { get; init; } = 2;

    public List<string> Names { get; init; } = [];
}
