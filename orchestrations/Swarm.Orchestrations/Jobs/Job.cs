using Swarm.Orchestrations.Sweeps;

namespace Swarm.Orchestrations.Jobs;

/// <summary>A validated job of either kind, as HTTP, Service Bus and the command line submit it.</summary>
/// <param name="Kind">Simulation or sweep.</param>
/// <param name="Simulation">The run, for <see cref="JobKind.Simulation"/>.</param>
/// <param name="Sweep">The sweep, for <see cref="JobKind.Sweep"/>.</param>
/// <param name="SweepJson">The sweep document as submitted (it travels to the workflow by value).</param>
public sealed record Job(JobKind Kind, SimulationJob? Simulation, SweepSpec? Sweep, string? SweepJson);
