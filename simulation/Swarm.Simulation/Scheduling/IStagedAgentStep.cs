namespace Swarm.Simulation.Scheduling;

/// <summary>An agent behaviour in two phases for simultaneous activation: every agent stages, then every agent applies.</summary>
public interface IStagedAgentStep
{
    /// <summary>Computes the agent's next state from the current state of everything, without changing shared state.</summary>
    void Stage(int slot);

    /// <summary>Commits what <see cref="Stage"/> computed.</summary>
    void Apply(int slot);
}
