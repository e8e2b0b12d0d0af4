namespace Swarm.Orchestrations.Tests.Workflows;

internal static class SweepTestData
{
    /// <summary>A 2×2 grid × 3 replicates of a small Schelling: 12 runs.</summary>
    public const string SmallGrid = """
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
}
