namespace Swarm.Orchestrations.Runs;

/// <summary>A run's custom status while it runs: the step reached, the rate, and the key reporters.</summary>
public sealed record SimulationProgress(long Step, long Steps, double StepsPerSecond, IReadOnlyDictionary<string, double> Reporters);
