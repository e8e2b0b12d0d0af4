using Swarm.Simulation.Checkpoints;
using Swarm.Simulation.Randomness;

namespace Swarm.Simulation.Agents;

/// <summary>
/// The bookkeeping every agent set shares, whatever its agent type: slots, ids, births and deaths, the spaces that
/// locate its agents, and activations. See <see cref="AgentSet{T}"/>.
/// </summary>
public abstract class AgentSet : ICheckpointed
{
    private IAgentIndex[] _indexes = [];
    private int[] _order = [];
    private bool _activating;

    private protected AgentSet(int capacity, AgentIdSequence? ids)
    {
        Slots = new AgentSlots(capacity, ids);
    }

    /// <summary>Live agents.</summary>
    public int Count => Slots.Count;

    /// <summary>One past the highest slot in use: live agents are the slots below it for which <see cref="IsAlive"/> holds.</summary>
    public int HighWater => Slots.HighWater;

    private protected AgentSlots Slots { get; }

    /// <summary>Whether <paramref name="slot"/> holds a live agent.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public bool IsAlive(int slot) => (uint)slot < (uint)Slots.HighWater && Slots.IsAlive(slot);

    /// <summary>The unique id of the agent in <paramref name="slot"/>.</summary>
    public long IdOf(int slot) => Slots.IdOf(slot);

    /// <summary>Removes the agent in <paramref name="slot"/>, from the spaces over this set too; its slot is reused after the current activation.</summary>
    public void Remove(int slot)
    {
        if (!IsAlive(slot))
        {
            ThrowHelper.ThrowInvalidOperation($"Slot {slot} holds no live agent.");
        }

        foreach (var index in _indexes)
        {
            index.OnRemoved(slot);
        }

        Slots.Remove(slot);
        if (!_activating)
        {
            Slots.Recycle();
        }
    }

    /// <summary>Writes the live slots, in slot order, into <paramref name="destination"/> (at least <see cref="Count"/> long); returns how many.</summary>
    public int CopyAliveSlots(Span<int> destination) => Slots.CopyAliveSlots(destination);

    /// <summary>Starts an activation: the live slots, shuffled with <paramref name="random"/> or in slot order when it is null.</summary>
    internal ReadOnlySpan<int> BeginActivation(SimulationRandom? random)
    {
        if (_activating)
        {
            ThrowHelper.ThrowInvalidOperation("This agent set is already being activated; a step cannot activate its own set again.");
        }

        _activating = true;
        foreach (var index in _indexes)
        {
            index.OnActivation();
        }

        if (_order.Length < Slots.Count)
        {
            _order = new int[Math.Max(Slots.Count, _order.Length * 2)];
        }

        var order = _order.AsSpan(0, Slots.CopyAliveSlots(_order));
        random?.Shuffle(order);
        return order;
    }

    /// <summary>Ends an activation: slots freed during it become reusable.</summary>
    internal void EndActivation()
    {
        _activating = false;
        Slots.Recycle();
    }

    /// <summary>Connects a space that locates this set's agents.</summary>
    internal void Attach(IAgentIndex index) => _indexes = [.. _indexes, index];

    /// <summary>Hints the CPU to fetch agent <paramref name="slot"/> and what its spaces keep for it.</summary>
    internal void PrefetchAgent(int slot)
    {
        PrefetchData(slot);
        foreach (var index in _indexes)
        {
            index.PrefetchAgent(slot);
        }
    }

    /// <summary>Hints the CPU to fetch what agent <paramref name="slot"/>'s spaces hold around it.</summary>
    internal void PrefetchAround(int slot)
    {
        foreach (var index in _indexes)
        {
            index.PrefetchAround(slot);
        }
    }

    /// <summary>Hints the CPU to fetch the agent in <paramref name="slot"/>.</summary>
    private protected abstract void PrefetchData(int slot);

    /// <inheritdoc />
    public abstract void WriteTo(CheckpointWriter writer);

    /// <inheritdoc />
    public abstract void ReadFrom(CheckpointReader reader);
}
