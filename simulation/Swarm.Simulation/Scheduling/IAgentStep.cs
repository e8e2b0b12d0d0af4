namespace Swarm.Simulation.Scheduling;

/// <summary>One agent's behaviour in a step, implemented by a struct so schedulers call it without virtual dispatch.</summary>
public interface IAgentStep
{
    /// <summary>Activates the agent in <paramref name="slot"/>.</summary>
    void Step(int slot);
}
