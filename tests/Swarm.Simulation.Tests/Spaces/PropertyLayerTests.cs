using Swarm.Simulation.Spaces;

namespace Swarm.Simulation.Tests.Spaces;

public sealed class PropertyLayerTests
{
    [Fact]
    public void Operations_OnDoubleLayer_ComputeAggregates()
    {
        var layer = new PropertyLayer<double>("heat", new GridTopology(3, 2, false), 1.5);
        layer[2, 1] = 4;
        layer.Add(1);
        Assert.Equal(6 * 2.5 + 2.5, layer.Sum(), 1e-12);
        Assert.Equal(5.0, layer.Max());
        Assert.Equal(2.5, layer.Min());
        layer.Clamp(0, 3);
        Assert.Equal(3.0, layer[5]);
        Assert.Equal(5, layer.Count(2.5));
    }
}
