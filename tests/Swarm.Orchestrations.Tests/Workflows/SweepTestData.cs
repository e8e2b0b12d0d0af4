using Swarm.Orchestrations.Sweeps;
using Swarm.Simulation.Catalog;

namespace Swarm.Orchestrations.Tests.Workflows;

internal static class SweepTestData
{
    /// <summary>A 2×2 grid × 3 replicates of a small Schelling: 12 runs.</summary>
    public const string SmallGridJson = """
        {
          "model": "schelling",
          "parameters": { "width": 16, "height": 16, "agents": 150 },
          "design": { "type": "grid", "factors": { "minToBeHappy": [2, 4], "radius": [1, 2] } },
          "replicates": 3,
          "seed": 9,
          "steps": 8,
          "metrics": ["happyFraction", "moved"]
        }
        """;

    /// <summary><see cref="SmallGridJson"/> as the workflows receive it.</summary>
    public static SweepSpec SmallGrid => Read(SmallGridJson);

    /// <summary>A sweep document validated as a submission would be.</summary>
    public static SweepSpec Read(string json) =>
        new SweepSpecReader(ModelCatalog.Default).Read(json, out var errors) ?? throw new InvalidOperationException(string.Join("; ", errors));
}
