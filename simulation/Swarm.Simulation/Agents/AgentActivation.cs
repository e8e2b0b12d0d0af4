namespace Swarm.Simulation.Agents;

/// <summary>
/// The schedules: how a step activates the agents of a set. Each takes the live agents at its start; agents removed
/// before their turn are skipped and agents born during it wait for the next activation.
/// </summary>
/// <remarks>
/// Activating several types one after another (<c>Sheep.ShuffleDo(this); Wolves.ShuffleDo(this);</c>) is the by-type
/// schedule: later types see what earlier ones did. The agent type is a struct constrained to its interface, so each
/// model's loop is compiled for it and the step is called directly, never through a virtual call.
/// </remarks>
public static class AgentActivation
{
    // Below this the agents' data fits the caches and prefetching only costs; the distances are the hand-tuned Boltzmann model's.
    private const int PrefetchFrom = 1 << 15;
    private const int Ahead = 16;
    private const int Near = 6;

    /// <summary>Steps every live agent once, in a fresh random order drawn from the model's stream (Mesa's <c>shuffle_do</c>).</summary>
    public static void ShuffleDo<T, TModel>(this AgentSet<T> agents, TModel model)
        where T : unmanaged, IAgent<TModel>
        where TModel : Model
    {
        ArgumentNullException.ThrowIfNull(agents);
        ArgumentNullException.ThrowIfNull(model);
        Activate(agents, model, agents.BeginActivation(model.Random));
    }

    /// <summary>Steps every live agent once, in slot order (no randomness drawn).</summary>
    public static void Do<T, TModel>(this AgentSet<T> agents, TModel model)
        where T : unmanaged, IAgent<TModel>
        where TModel : Model
    {
        ArgumentNullException.ThrowIfNull(agents);
        ArgumentNullException.ThrowIfNull(model);
        Activate(agents, model, agents.BeginActivation(null));
    }

    /// <summary>Simultaneous activation: every live agent stages, then every one applies, in slot order.</summary>
    public static void StagedDo<T, TModel>(this AgentSet<T> agents, TModel model)
        where T : unmanaged, IStagedAgent<TModel>
        where TModel : Model
    {
        ArgumentNullException.ThrowIfNull(agents);
        ArgumentNullException.ThrowIfNull(model);
        var order = agents.BeginActivation(null);
        try
        {
            foreach (var slot in order)
            {
                if (agents.IsAlive(slot))
                {
                    agents[slot].Stage(model, slot);
                }
            }

            foreach (var slot in order)
            {
                if (agents.IsAlive(slot))
                {
                    agents[slot].Apply(model, slot);
                }
            }
        }
        finally
        {
            agents.EndActivation();
        }
    }

    private static void Activate<T, TModel>(AgentSet<T> agents, TModel model, ReadOnlySpan<int> order)
        where T : unmanaged, IAgent<TModel>
        where TModel : Model
    {
        try
        {
            if (order.Length < PrefetchFrom)
            {
                foreach (var slot in order)
                {
                    if (agents.IsAlive(slot))
                    {
                        agents[slot].Step(model, slot);
                    }
                }

                return;
            }

            // Agents come in random order over arrays far larger than the caches: fetch each agent's record a few
            // turns ahead, then what its spaces hold around it, so the cache misses of many agents overlap.
            for (var i = 0; i < order.Length; i++)
            {
                if (i + Ahead < order.Length)
                {
                    agents.PrefetchAgent(order[i + Ahead]);
                }

                if (i + Near < order.Length)
                {
                    agents.PrefetchAround(order[i + Near]);
                }

                var slot = order[i];
                if (agents.IsAlive(slot))
                {
                    agents[slot].Step(model, slot);
                }
            }
        }
        finally
        {
            agents.EndActivation();
        }
    }
}
