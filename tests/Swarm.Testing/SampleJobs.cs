namespace Swarm.Testing;

/// <summary>Small valid job documents that API and command-line tests submit.</summary>
public static class SampleJobs
{
    /// <summary>A three-step Boltzmann simulation.</summary>
    public const string Simulation = """{ "model": "boltzmann", "preset": "small", "steps": 3 }""";

    /// <summary>A two-point forest-fire sweep of one replicate each.</summary>
    public const string Sweep = """
        { "model": "forestfire", "parameters": { "width": 10, "height": 10 },
          "design": { "type": "grid", "factors": { "density": [0.4, 0.7] } }, "replicates": 1, "seed": 3, "steps": 4 }
        """;
}
