namespace Swarm.Orchestrations.Runs;

/// <summary>One chunk of a run: from the checkpoint at <paramref name="FromStep"/> (or a fresh model at 0) to <paramref name="ToStep"/>.</summary>
public sealed record ChunkRequest(
    string RunId,
    string Model,
    IReadOnlyDictionary<string, object?> Parameters,
    ulong Seed,
    ulong RunKey,
    long FromStep,
    long ToStep);
