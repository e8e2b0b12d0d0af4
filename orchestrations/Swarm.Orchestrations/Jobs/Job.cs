using Swarm.Orchestrations.Sweeps;

namespace Swarm.Orchestrations.Jobs;

/// <summary>A validated job of either kind, as HTTP, Service Bus and the command line submit it.</summary>
/// <param name="Kind">Simulation or sweep.</param>
/// <param name="Simulation">The run, for <see cref="JobKind.Simulation"/>.</param>
/// <param name="Sweep">The sweep, for <see cref="JobKind.Sweep"/>.</param>
public sealed record Job(JobKind Kind, SimulationJob? Simulation, SweepSpec? Sweep);
