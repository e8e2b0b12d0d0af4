using Swarm.Simulation;
using Swarm.Simulation.Randomness;

namespace Swarm.Bench.HandTuned;

/// <summary>The random activation order of the hand-tuned models: the same draws as <c>AgentSet.ShuffleDo</c>.</summary>
internal static class ActivationOrder
{
    /// <summary>The slots <c>0 .. count-1</c>, shuffled, in <paramref name="buffer"/>.</summary>
    public static ReadOnlySpan<int> Shuffled(int[] buffer, int count, SimulationRandom random)
    {
        var order = buffer.AsSpan(0, count);
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        random.Shuffle(order);
        return order;
    }

    /// <summary>The live slots of <paramref name="slots"/>, shuffled, in <paramref name="buffer"/> (grown when too small).</summary>
    public static ReadOnlySpan<int> Shuffled(ref int[] buffer, AgentSlots slots, SimulationRandom random)
    {
        if (buffer.Length < slots.Count)
        {
            buffer = new int[Math.Max(slots.Count, buffer.Length * 2)];
        }

        var order = buffer.AsSpan(0, slots.CopyAliveSlots(buffer));
        random.Shuffle(order);
        return order;
    }
}
