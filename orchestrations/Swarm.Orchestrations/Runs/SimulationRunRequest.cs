namespace Swarm.Orchestrations.Runs;

/// <summary>What <see cref="SimulationRun"/> runs: one model, its parameters and seed, for a number of steps in chunks.</summary>
/// <param name="RunId">The run's id: names its checkpoints and data rows.</param>
/// <param name="Model">Catalog name of the model.</param>
/// <param name="Parameters">Raw parameters (validated by the catalog when the first chunk creates the model).</param>
/// <param name="Seed">The experiment seed.</param>
/// <param name="RunKey">The run key (replicate) that, with the seed, fixes the random stream.</param>
/// <param name="Steps">Total steps.</param>
/// <param name="ChunkSteps">Steps per <see cref="RunSimulationChunk"/> activity.</param>
/// <param name="ChunksPerEpisode">Chunks between <c>ContinueAsNew</c>s, which keep history bounded.</param>
/// <param name="StartStep">The step this episode starts at (0 for a new run).</param>
/// <param name="ElapsedMs">Simulation time spent in earlier episodes, for steps/s.</param>
public sealed record SimulationRunRequest(
    string RunId,
    string Model,
    IReadOnlyDictionary<string, object?> Parameters,
    ulong Seed,
    ulong RunKey,
    long Steps,
    int ChunkSteps = 1000,
    int ChunksPerEpisode = 20,
    long StartStep = 0,
    double ElapsedMs = 0);
