using Swarm.Simulation;

namespace Swarm.Bench;

/// <summary>One timed configuration of the ABM framework comparison.</summary>
/// <param name="Name">Model and size, e.g. <c>schelling/small</c>.</param>
/// <param name="Steps">Steps per run, as the comparison declares.</param>
/// <param name="TargetMilliseconds">This project's target for the median full run, if any.</param>
/// <param name="Create">Builds a model from a seed (collection off).</param>
internal sealed record ComparisonRun(string Name, int Steps, double? TargetMilliseconds, Func<ulong, Model> Create);
