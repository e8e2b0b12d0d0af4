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
}
