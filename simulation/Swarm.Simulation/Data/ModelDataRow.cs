namespace Swarm.Simulation.Data;

/// <summary>One collected row of model reporters.</summary>
/// <param name="Step">The step the values were collected at (0 is the initial state).</param>
/// <param name="Values">The reporter values, in the order of <see cref="DataCollector.ModelReporterNames"/>.</param>
public sealed record ModelDataRow(long Step, IReadOnlyList<double> Values);
