namespace Swarm.Orchestrations.Jobs;

/// <summary>What a submitted job runs.</summary>
public enum JobKind
{
    /// <summary>One model run: the SimulationRun orchestration.</summary>
    Simulation,

    /// <summary>A parameter sweep: the ProvisionSweep orchestration.</summary>
    Sweep,
}
