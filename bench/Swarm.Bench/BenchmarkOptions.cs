namespace Swarm.Bench;

/// <summary>Options every suite honours.</summary>
/// <param name="Quick">Fewer repetitions and smaller sizes: a smoke run, not a measurement.</param>
public sealed record BenchmarkOptions(bool Quick);
