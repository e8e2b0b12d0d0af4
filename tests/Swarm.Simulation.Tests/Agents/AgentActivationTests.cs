using Swarm.Simulation.Agents;
using Swarm.Simulation.Catalog;

namespace Swarm.Simulation.Tests.Agents;

public sealed class AgentActivationTests
{
    private static readonly ModelCatalog Catalog = ModelCatalog.Default.With([typeof(Colony).Assembly]);

    [Fact]
    public void ShuffleDo_BirthsAndDeaths_StepsEachAgentAliveAtItsTurnOnceAndNoNewborn()
    {
        var model = new Colony(new ColonyParameters(), new ModelContext(3));
        for (var step = 0; step < 40; step++)
        {
            var before = Enumerable.Range(0, model.Members.HighWater).Where(model.Members.IsAlive).ToHashSet();
            model.Step();
            Assert.Equal(model.Stepped.Count, model.Stepped.Distinct().Count());
            Assert.Subset(before, model.Stepped.ToHashSet());
        }

        Assert.True(model.Births > 50, $"{model.Births} births");
    }

    [Fact]
    public void ShuffleDo_EachStep_IsAFreshOrder()
    {
        var model = new Colony(new ColonyParameters { Death = 0, Kill = 0, Birth = 0 }, new ModelContext(5));
        model.Step();
        var first = model.Stepped.ToArray();
        model.Step();
        Assert.Equal(first.Order(), model.Stepped.Order());
        Assert.NotEqual(first, model.Stepped);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(23)]
    public void Resume_AfterBirthsAndDeaths_ContinuesBitIdentically(int at)
    {
        var model = Catalog.Create("colony", null, seed: 11, runKey: 2);
        var uninterrupted = Catalog.Create("colony", null, seed: 11, runKey: 2);
        model.Run(at);
        var resumed = Catalog.Restore(model.SaveCheckpoint());
        resumed.Run(40 - at);
        uninterrupted.Run(40);
        Assert.Equal(uninterrupted.StateHash(), resumed.StateHash());
        Assert.Equal(uninterrupted.Data.Column("members").ToArray(), resumed.Data.Column("members").ToArray());
    }

    [Fact]
    public void AgentSet_SlotFreedDuringActivation_IsReusedOnlyAfterIt()
    {
        var set = new AgentSet<Member>();
        var a = set.Add(default);
        set.Add(default);
        set.Remove(a);
        Assert.Equal(a, set.Add(default));
        Assert.Equal(2, set.Count);
        Assert.NotEqual(set.IdOf(0), set.IdOf(1));
    }

    [Fact]
    public void AgentSet_GrowsPastAChunk_ReferencesStayValid()
    {
        var set = new AgentSet<Member>(1);
        ref var first = ref set[set.Add(default)];
        for (var i = 0; i < 10_000; i++)
        {
            set.Add(new Member { Born = i });
        }

        first.Children = 9;
        Assert.Equal(9, set[0].Children);
        Assert.Equal(9_999, set[10_000].Born);
    }

    [Fact]
    public void StagedDo_AllStageBeforeAnyApply_ResultIndependentOfOrder()
    {
        var model = new Ring(new RingParameters(), new ModelContext(1));
        model.Step();
        Assert.Equal([5, 1, 2, 3, 4], Enumerable.Range(0, 5).Select(i => model.Cells[i].Value));
    }
}
