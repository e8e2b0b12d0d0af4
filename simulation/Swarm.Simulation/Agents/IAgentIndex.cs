namespace Swarm.Simulation.Agents;

/// <summary>A space that locates the agents of one <see cref="AgentSet{T}"/>: it follows the set's removals and activations.</summary>
internal interface IAgentIndex
{
    /// <summary>The agent in <paramref name="slot"/> has been removed from the set; forget it if placed.</summary>
    void OnRemoved(int slot);

    /// <summary>An activation of the set begins.</summary>
    void OnActivation();

    /// <summary>Hints the CPU to fetch what the space keeps for agent <paramref name="slot"/>, a few turns before its step.</summary>
    void PrefetchAgent(int slot);

    /// <summary>Hints the CPU to fetch what a step of <paramref name="slot"/> reads around it, once its own record has arrived.</summary>
    void PrefetchAround(int slot);
}
