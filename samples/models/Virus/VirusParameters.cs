using Swarm.Simulation.Catalog;

namespace Virus;

/// <summary>The parameters of <see cref="VirusOnNetwork"/>, with Mesa's defaults.</summary>
public sealed record VirusParameters : IParameterRules
{
    [Parameter("People, one per node of the network.", Min = 1, Max = 100_000)]
    public int Nodes { get; init; } = 100;

    [Parameter("Mean number of contacts per person.", Min = 0, Max = 100)]
    public double AverageDegree { get; init; } = 3;

    [Parameter("People infected at the start.", Min = 0, Max = 100_000)]
    public int InitialOutbreak { get; init; } = 1;

    [Parameter("Chance per step that an infected person infects each susceptible contact.", Min = 0, Max = 1)]
    public double SpreadChance { get; init; } = 0.4;

    [Parameter("Chance per step that an infected person checks for the infection.", Min = 0, Max = 1)]
    public double CheckFrequency { get; init; } = 0.4;

    [Parameter("Chance that a check clears the infection.", Min = 0, Max = 1)]
    public double RecoveryChance { get; init; } = 0.3;

    [Parameter("Chance that a recovered person becomes resistant.", Min = 0, Max = 1)]
    public double GainResistanceChance { get; init; } = 0.5;

    /// <summary>Mesa's example: 10 people.</summary>
    public static VirusParameters Small { get; } = new() { Nodes = 10 };

    /// <summary>A town: 1,000 people.</summary>
    public static VirusParameters Large { get; } = new() { Nodes = 1000, InitialOutbreak = 10 };

    /// <inheritdoc />
    public IEnumerable<ParameterError> Check()
    {
        if (InitialOutbreak > Nodes)
        {
            yield return ParameterError.For(nameof(InitialOutbreak), $"{InitialOutbreak} infected do not fit in {Nodes} people.");
        }

        if (AverageDegree > Nodes - 1)
        {
            yield return ParameterError.For(nameof(AverageDegree), $"{Nodes} people can have at most {Nodes - 1} contacts each.");
        }
    }
}
