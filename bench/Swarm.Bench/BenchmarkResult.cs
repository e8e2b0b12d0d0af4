namespace Swarm.Bench;

/// <summary>One measured number: what was measured, which statistic, its value and unit.</summary>
/// <param name="Name">What ran, e.g. <c>schelling/small</c>.</param>
/// <param name="Metric">The statistic, e.g. <c>median_wall_time</c>.</param>
/// <param name="Value">The measured value.</param>
/// <param name="Unit">The unit of <paramref name="Value"/>, e.g. <c>ms</c>.</param>
public sealed record BenchmarkResult(string Name, string Metric, double Value, string Unit);
