using System.Text.Json.Serialization;

namespace Swarm.Orchestrations.Sweeps;

/// <summary>
/// A validated parameter sweep — one model, fixed parameters, a design over the varied ones, replicates — as the
/// workflows receive it: parsed once at submission, then carried typed through every orchestrator and activity.
/// </summary>
/// <param name="Model">Catalog name of the model.</param>
/// <param name="Preset">Optional named parameter set the fixed parameters and design start from.</param>
/// <param name="Parameters">Parameters held fixed across the sweep (normalised JSON-like values).</param>
/// <param name="Design">How the varied parameters are chosen.</param>
/// <param name="Replicates">Runs per design point, each with its own random stream.</param>
/// <param name="Seed">The sweep seed: fixes every run's stream and every sampled design.</param>
/// <param name="Steps">Steps per run.</param>
/// <param name="Metrics">Reporters summarised per point (their final values).</param>
/// <param name="MainMetric">The reporter charted against the varied parameters.</param>
public sealed record SweepSpec(
    string Model,
    string? Preset,
    IReadOnlyDictionary<string, object?> Parameters,
    SweepDesign Design,
    int Replicates,
    ulong Seed,
    int Steps,
    IReadOnlyList<string> Metrics,
    string MainMetric)
{
    /// <summary>Parameters held fixed across the sweep, as long, double, bool or string.</summary>
    public IReadOnlyDictionary<string, object?> Parameters { get; } = SweepValues.Typed(Parameters);

    /// <summary>The number of simulation runs: points × replicates.</summary>
    [JsonIgnore]
    public long RunCount => (long)Design.PointCount * Replicates;
}
