namespace Swarm.Orchestrations;

/// <summary>How many agent steps a stretch of model steps is worth: the unit throughput is compared in.</summary>
/// <remarks>
/// A model reports the agents it steps (<see cref="Simulation.Model.AgentCount"/>). Populations that change while a
/// stretch runs (WolfSheep) are counted at both ends and averaged; for the others the count is fixed and a stretch is
/// exactly agents × steps.
/// </remarks>
public static class AgentSteps
{
    /// <summary>The agent steps of <paramref name="steps"/> steps that began with <paramref name="agentsBefore"/> agents and ended with <paramref name="agentsAfter"/>.</summary>
    public static long Between(int agentsBefore, int agentsAfter, long steps) =>
        steps <= 0
            ? 0
            : agentsBefore == agentsAfter
                ? (long)agentsBefore * steps
                : (long)Math.Round((agentsBefore + (long)agentsAfter) / 2.0 * steps, MidpointRounding.AwayFromZero);
}
