using Swarm.Simulation.Agents;

namespace Swarm.Simulation.Tests.Agents;

public struct Member : IAgent<Colony>
{
    public long Born;

    public int Children;

    public void Step(Colony model, int self)
    {
        ArgumentNullException.ThrowIfNull(model);
        Assert.True(Born < model.StepCount, "a newborn was stepped in the step it was born");
        model.Stepped.Add(self);
        var p = model.Settings;
        if (model.Random.NextDouble() < p.Birth)
        {
            Children++;
            model.Members.Add(new Member { Born = model.StepCount });
            model.Births++;
        }

        if (model.Random.NextDouble() < p.Kill)
        {
            var victim = model.Random.NextInt(model.Members.HighWater);
            if (victim != self && model.Members.IsAlive(victim))
            {
                model.Members.Remove(victim);
            }
        }

        if (model.Random.NextDouble() < p.Death)
        {
            model.Members.Remove(self);
        }
    }
}
