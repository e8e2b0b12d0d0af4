using Swarm.Simulation;

namespace Swarm.Bench;

/// <summary>One timed configuration of the ABM framework comparison.</summary>
/// <param name="Name">Model and size, e.g. <c>schelling/small</c>.</param>
/// <param name="Steps">Steps per run, as the comparison declares.</param>
/// <param name="TargetMilliseconds">This project's target for the median full run, if any.</param>
/// <param name="Create">Builds the catalog's model, written in the public API, from a seed (collection off).</param>
/// <param name="CreateHandTuned">Builds the hand-tuned version of the same model from a seed, where one is kept.</param>
internal sealed record ComparisonRun(string Name, int Steps, double? TargetMilliseconds, Func<ulong, Model> Create, Func<ulong, Model>? CreateHandTuned);
