using Swarm.Simulation.Catalog;

namespace Swarm.Simulation.Tests.Models;

/// <summary>
/// The reference models written in the public API behave exactly as the hand-written versions they replaced: the
/// same seeds give the same series of every model reporter, bit for bit (hashes recorded from those versions).
/// </summary>
public sealed class ReferenceBehaviourTests
{
    [Theory]
    [InlineData("schelling", "small", 1UL, 25, 0xD88CA4BE9878402DUL)] // happy=998, happyFraction=0.998, moved=2
    [InlineData("schelling", "small", 2UL, 25, 0x5374A8B84E80E0FDUL)] // happy=998, happyFraction=0.998, moved=2
    [InlineData("schelling", "large", 1UL, 25, 0xABB8FBCA5AD1CE4EUL)] // happy=8000, happyFraction=1, moved=0
    [InlineData("schelling", "large", 2UL, 25, 0xB002447F50CC4FD4UL)] // happy=7999, happyFraction=0.999875, moved=1
    [InlineData("flocking", "small", 1UL, 25, 0xF2CAA82CCDF2518BUL)] // alignment=0.10643141745429735, meanNeighbours=2
    [InlineData("flocking", "small", 2UL, 25, 0xE86DD22FC37C4508UL)] // alignment=0.17299776968156416, meanNeighbours=2.615
    [InlineData("flocking", "large", 1UL, 25, 0x8AB45958999C60D1UL)] // alignment=0.03307365020001967, meanNeighbours=16.945
    [InlineData("flocking", "large", 2UL, 25, 0x1219FA1C5F23BAC5UL)] // alignment=0.03760528018309901, meanNeighbours=20.0375
    [InlineData("wolfsheep", "small", 1UL, 25, 0x8B1FFDFD5292988BUL)] // sheep=92, wolves=37, grass=269
    [InlineData("wolfsheep", "small", 2UL, 25, 0xCEBF3DFD5292988BUL)] // sheep=56, wolves=57, grass=297
    [InlineData("wolfsheep", "large", 1UL, 25, 0xDC0222FD5292988BUL)] // sheep=1400, wolves=2865, grass=5326
    [InlineData("wolfsheep", "large", 2UL, 25, 0x28FE7DFD5292988BUL)] // sheep=1338, wolves=3087, grass=5275
    [InlineData("forestfire", "small", 1UL, 60, 0x114AFFB83B465826UL)] // green=3975, burning=44, burnt=3027, burntFraction=0.42960544990065286
    [InlineData("forestfire", "small", 2UL, 60, 0xB6630E7E115EC278UL)] // green=3829, burning=53, burnt=3144, burntFraction=0.4474807856532878
    [InlineData("forestfire", "large", 1UL, 60, 0x9526207A383CA713UL)] // green=199589, burning=423, burnt=25190, burntFraction=0.11185513450146979
    [InlineData("forestfire", "large", 2UL, 60, 0x968F12C9158404AFUL)] // green=199176, burning=411, burnt=25330, burntFraction=0.11261932179426189
    [InlineData("boltzmann", "small", 1UL, 25, 0xBA1C249D3B3839B5UL)] // gini=0.6192, totalWealth=100, maxWealth=5
    [InlineData("boltzmann", "small", 2UL, 25, 0xE959A1A1D011E251UL)] // gini=0.637, totalWealth=100, maxWealth=8
    [InlineData("boltzmann", "large", 1UL, 25, 0x9CC825436B2983A7UL)] // gini=0.6517057799999999, totalWealth=10000, maxWealth=12
    [InlineData("boltzmann", "large", 2UL, 25, 0x5EE77B3A9E3ED6A5UL)] // gini=0.65043242, totalWealth=10000, maxWealth=14
    public void Run_Preset_ReportsTheSeriesOfTheHandWrittenVersion(string model, string preset, ulong seed, int steps, ulong expected)
    {
        var run = ModelCatalog.Default.CreatePreset(model, preset, seed, runKey: 3);
        run.Run(steps);
        var hash = 1469598103934665603UL;
        for (var c = 0; c < run.Data.ModelReporterNames.Count; c++)
        {
            foreach (var value in run.Data.Column(c))
            {
                hash = (hash ^ (ulong)BitConverter.DoubleToInt64Bits(value)) * 1099511628211UL;
            }
        }

        Assert.Equal(expected, hash);
    }
}
