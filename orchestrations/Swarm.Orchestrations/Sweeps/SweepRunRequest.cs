namespace Swarm.Orchestrations.Sweeps;

/// <summary>One run of a sweep: design point <paramref name="Point"/>, replicate <paramref name="Replicate"/>.</summary>
/// <param name="SweepId">The sweep.</param>
/// <param name="Run">The run's index in the sweep (point × replicates + replicate).</param>
/// <param name="Point">The design point.</param>
/// <param name="Replicate">The replicate; it is the run key, so replicate r of every point shares its stream (common random numbers).</param>
/// <param name="Model">Catalog name of the model.</param>
/// <param name="Parameters">The run's raw parameters: preset, then fixed, then the point's.</param>
/// <param name="Seed">The sweep seed.</param>
/// <param name="Steps">Steps to run.</param>
/// <param name="Metrics">The reporters to record.</param>
public sealed record SweepRunRequest(
    string SweepId,
    long Run,
    int Point,
    int Replicate,
    string Model,
    IReadOnlyDictionary<string, object?> Parameters,
    ulong Seed,
    long Steps,
    IReadOnlyList<string> Metrics);
