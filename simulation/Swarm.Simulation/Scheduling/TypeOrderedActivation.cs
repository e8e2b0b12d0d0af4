using Swarm.Simulation.Randomness;

namespace Swarm.Simulation.Scheduling;

/// <summary>
/// Activation by agent type: all agents of one type, then all of the next, with the type order
/// fixed or shuffled every step and each type's agents in a fresh random order or in slot order.
/// </summary>
/// <remarks>
/// A model calls <see cref="TypeOrder"/> once per step and then <see cref="AgentOrder"/> for each
/// type as it comes, so that the populations of later types are read after earlier types have
/// acted (births and deaths included), as in Mesa's and Agents.jl's by-type schedulers.
/// </remarks>
public sealed class TypeOrderedActivation
{
    private readonly int[] _typeOrder;
    private readonly RandomActivation[] _perType;
    private int[] _sequential = new int[16];

    /// <summary>Creates the scheduler for <paramref name="typeCount"/> agent types.</summary>
    public TypeOrderedActivation(int typeCount, bool shuffleTypes, bool shuffleAgents)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(typeCount);
        _typeOrder = new int[typeCount];
        _perType = new RandomActivation[typeCount];
        for (var i = 0; i < typeCount; i++)
        {
            _perType[i] = new RandomActivation();
        }

        ShuffleTypes = shuffleTypes;
        ShuffleAgents = shuffleAgents;
    }

    /// <summary>Whether the order of types is reshuffled every step (otherwise it is 0, 1, 2, …).</summary>
    public bool ShuffleTypes { get; }

    /// <summary>Whether each type's agents are shuffled every step (otherwise slot order).</summary>
    public bool ShuffleAgents { get; }

    /// <summary>The order in which to activate the types this step.</summary>
    public ReadOnlySpan<int> TypeOrder(SimulationRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        for (var i = 0; i < _typeOrder.Length; i++)
        {
            _typeOrder[i] = i;
        }

        if (ShuffleTypes)
        {
            random.Shuffle(_typeOrder.AsSpan());
        }

        return _typeOrder;
    }

    /// <summary>The order of the live agents of type <paramref name="type"/>, whose slots are <paramref name="slots"/>.</summary>
    public ReadOnlySpan<int> AgentOrder(int type, AgentSlots slots, SimulationRandom random)
    {
        ArgumentNullException.ThrowIfNull(slots);
        if (ShuffleAgents)
        {
            return _perType[type].Order(slots, random);
        }

        if (_sequential.Length < slots.Count)
        {
            _sequential = new int[Math.Max(slots.Count, _sequential.Length * 2)];
        }

        return _sequential.AsSpan(0, slots.CopyAliveSlots(_sequential));
    }
}
