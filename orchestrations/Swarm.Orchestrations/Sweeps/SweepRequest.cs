namespace Swarm.Orchestrations.Sweeps;

/// <summary>What <see cref="ParameterSweep"/> and <see cref="Provisioning.ProvisionSweep"/> run.</summary>
/// <param name="SweepId">The sweep's id: its instance id, its results' partition, its results container.</param>
/// <param name="Spec">The sweep, validated at submission; it travels by value and is never re-parsed.</param>
/// <param name="BatchSize">Runs per <see cref="SweepBatch"/> sub-orchestration; 0 leaves it to <see cref="SweepGrouping"/>.</param>
/// <param name="MaxBatchesInFlight">Batches running at once: bounds fan-out and memory.</param>
/// <param name="ChunkSteps">Runs longer than this become a chunked SimulationRun; shorter ones run whole inside an activity.</param>
/// <param name="RunsPerActivity">Short runs grouped into one activity, so dispatch and persistence cost little per run; 0 leaves it to <see cref="SweepGrouping"/>.</param>
public sealed record SweepRequest(string SweepId, SweepSpec Spec, int BatchSize = 0, int MaxBatchesInFlight = 4, int ChunkSteps = 5000, int RunsPerActivity = 0);
