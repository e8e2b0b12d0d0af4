using Swarm.Simulation.Randomness;
using Swarm.Simulation.Scheduling;

namespace Swarm.Simulation.Tests.Scheduling;

public sealed class SchedulerTests
{
    [Fact]
    public void RandomActivation_EachStep_IsAFreshPermutationOfLiveSlots()
    {
        var slots = new AgentSlots(8);
        for (var i = 0; i < 10; i++)
        {
            slots.Add();
        }

        slots.Remove(3);
        slots.Remove(7);
        var schedule = new RandomActivation();
        var random = new SimulationRandom(2);
        var first = schedule.Order(slots, random).ToArray();
        var second = schedule.Order(slots, random).ToArray();
        int[] live = [0, 1, 2, 4, 5, 6, 8, 9];
        Assert.Equal(live, first.Order());
        Assert.Equal(live, second.Order());
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void RandomActivation_Activate_VisitsEveryLiveAgentOnce()
    {
        var slots = new AgentSlots(4);
        for (var i = 0; i < 6; i++)
        {
            slots.Add();
        }

        slots.Remove(0);
        var visits = new int[6];
        var step = new CountingStep(visits);
        new RandomActivation().Activate(slots, new SimulationRandom(1), ref step);
        Assert.Equal([0, 1, 1, 1, 1, 1], visits);
    }

    [Fact]
    public void SimultaneousActivation_AllStageBeforeAnyApply_ResultIndependentOfOrder()
    {
        // Each agent copies its left neighbour's value: staged, the values shift by one exactly.
        int[] values = [1, 2, 3, 4, 5];
        var step = new ShiftStep(values, new int[5]);
        SimultaneousActivation.Activate(5, ref step);
        Assert.Equal([5, 1, 2, 3, 4], values);
    }

    [Fact]
    public void TypeOrderedActivation_FixedOrder_ReturnsTypesInOrder()
    {
        var schedule = new TypeOrderedActivation(3, shuffleTypes: false, shuffleAgents: true);
        Assert.Equal([0, 1, 2], schedule.TypeOrder(new SimulationRandom(1)).ToArray());
    }

    [Fact]
    public void TypeOrderedActivation_ShuffledOrder_VariesAcrossSteps()
    {
        var schedule = new TypeOrderedActivation(4, shuffleTypes: true, shuffleAgents: false);
        var random = new SimulationRandom(9);
        var seen = new HashSet<string>();
        for (var i = 0; i < 20; i++)
        {
            var order = schedule.TypeOrder(random).ToArray();
            Assert.Equal([0, 1, 2, 3], order.Order());
            seen.Add(string.Join(",", order));
        }

        Assert.True(seen.Count > 5);
    }

    [Fact]
    public void TypeOrderedActivation_UnshuffledAgents_AreInSlotOrder()
    {
        var slots = new AgentSlots(4);
        for (var i = 0; i < 5; i++)
        {
            slots.Add();
        }

        slots.Remove(2);
        var schedule = new TypeOrderedActivation(1, false, shuffleAgents: false);
        Assert.Equal([0, 1, 3, 4], schedule.AgentOrder(0, slots, new SimulationRandom(1)).ToArray());
    }

    [Fact]
    public void AgentSlots_RemovedSlot_ReusedOnlyAfterRecycle()
    {
        var slots = new AgentSlots(4);
        var a = slots.Add();
        slots.Add();
        slots.Remove(a);
        var b = slots.Add();
        Assert.NotEqual(a, b);
        slots.Recycle();
        var c = slots.Add();
        Assert.Equal(a, c);
        Assert.Equal(3L, slots.IdOf(c));
        Assert.Equal(3, slots.Count);
    }

    [Fact]
    public void AgentSlots_GrowBeyondCapacity_KeepsIdsUnique()
    {
        var slots = new AgentSlots(1);
        var ids = new HashSet<long>();
        for (var i = 0; i < 100; i++)
        {
            ids.Add(slots.IdOf(slots.Add()));
        }

        Assert.Equal(100, ids.Count);
        Assert.True(slots.Capacity >= 100);
        var column = new double[1];
        slots.EnsureColumn(ref column);
        Assert.Equal(slots.Capacity, column.Length);
    }

    private struct CountingStep(int[] visits) : IAgentStep
    {
        public readonly void Step(int slot) => visits[slot]++;
    }

    private struct ShiftStep(int[] values, int[] staged) : IStagedAgentStep
    {
        public readonly void Stage(int slot) => staged[slot] = values[(slot + values.Length - 1) % values.Length];

        public readonly void Apply(int slot) => values[slot] = staged[slot];
    }
}
