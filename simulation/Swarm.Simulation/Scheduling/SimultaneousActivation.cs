namespace Swarm.Simulation.Scheduling;

/// <summary>
/// Simultaneous activation: all agents stage their change against the same state, then all apply,
/// so the result does not depend on activation order.
/// </summary>
public static class SimultaneousActivation
{
    /// <summary>Stages then applies every live agent of <paramref name="slots"/>, in slot order.</summary>
    public static void Activate<TStep>(AgentSlots slots, ref TStep step)
        where TStep : struct, IStagedAgentStep
    {
        ArgumentNullException.ThrowIfNull(slots);
        var highWater = slots.HighWater;
        for (var slot = 0; slot < highWater; slot++)
        {
            if (slots.IsAlive(slot))
            {
                step.Stage(slot);
            }
        }

        for (var slot = 0; slot < highWater; slot++)
        {
            if (slots.IsAlive(slot))
            {
                step.Apply(slot);
            }
        }
    }

    /// <summary>Stages then applies the agents <c>0 .. count-1</c> of a fixed population.</summary>
    public static void Activate<TStep>(int count, ref TStep step)
        where TStep : struct, IStagedAgentStep
    {
        for (var slot = 0; slot < count; slot++)
        {
            step.Stage(slot);
        }

        for (var slot = 0; slot < count; slot++)
        {
            step.Apply(slot);
        }
    }
}
