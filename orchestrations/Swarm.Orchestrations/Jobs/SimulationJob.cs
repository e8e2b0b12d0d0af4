namespace Swarm.Orchestrations.Jobs;

/// <summary>A validated request to run one model.</summary>
/// <param name="Model">Catalog name.</param>
/// <param name="Parameters">The complete, normalised parameters (preset, then the request's own).</param>
/// <param name="Seed">The seed.</param>
/// <param name="Steps">Steps to run.</param>
/// <param name="ChunkSteps">Steps per chunk activity (and per checkpoint).</param>
public sealed record SimulationJob(string Model, IReadOnlyDictionary<string, object?> Parameters, ulong Seed, long Steps, int ChunkSteps);
