namespace Swarm.Simulation.Scheduling;

/// <summary>
/// Random activation: every step, the live agents are activated in a freshly shuffled order.
/// </summary>
/// <remarks>
/// The order is rebuilt from slot order before each shuffle, so it depends only on the random
/// stream and the population, never on the previous step's order; it therefore needs no place in
/// a checkpoint. The buffer is reused: producing an order allocates only when the population has
/// outgrown every previous step.
/// </remarks>
public sealed class RandomActivation
{
    private int[] _order;

    /// <summary>Creates the scheduler with room for <paramref name="capacity"/> agents.</summary>
    public RandomActivation(int capacity = 16)
    {
        _order = new int[Math.Max(capacity, 1)];
    }

    /// <summary>A random order of the slots <c>0 .. count-1</c> (a population that never changes).</summary>
    public ReadOnlySpan<int> Order(int count, Randomness.SimulationRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        EnsureCapacity(count);
        var order = _order.AsSpan(0, count);
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        random.Shuffle(order);
        return order;
    }

    /// <summary>A random order of the live slots of <paramref name="slots"/>.</summary>
    public ReadOnlySpan<int> Order(AgentSlots slots, Randomness.SimulationRandom random)
    {
        ArgumentNullException.ThrowIfNull(slots);
        ArgumentNullException.ThrowIfNull(random);
        EnsureCapacity(slots.Count);
        var order = _order.AsSpan(0, slots.CopyAliveSlots(_order));
        random.Shuffle(order);
        return order;
    }

    /// <summary>Activates every live agent of <paramref name="slots"/> once, in a fresh random order.</summary>
    /// <remarks>The step is a struct so each model's loop is specialised and inlined: no virtual call per agent.</remarks>
    public void Activate<TStep>(AgentSlots slots, Randomness.SimulationRandom random, ref TStep step)
        where TStep : struct, IAgentStep
    {
        foreach (var slot in Order(slots, random))
        {
            if (slots.IsAlive(slot))
            {
                step.Step(slot);
            }
        }
    }

    private void EnsureCapacity(int count)
    {
        if (_order.Length < count)
        {
            _order = new int[Math.Max(count, _order.Length * 2)];
        }
    }
}
