using System.Collections.Concurrent;

namespace Swarm.Durable.Conformance;

/// <summary>Counts executions by key (injected into activities through DI), so tests can see retries and duplicates.</summary>
public sealed class ExecutionLedger
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    /// <summary>Records one execution of <paramref name="key"/>; returns how many there have been, this one included.</summary>
    public int Record(string key) => _counts.AddOrUpdate(key, 1, static (_, count) => count + 1);

    /// <summary>How many executions of <paramref name="key"/> were recorded.</summary>
    public int Count(string key) => _counts.TryGetValue(key, out var count) ? count : 0;

    /// <summary>All keys with their counts.</summary>
    public IReadOnlyDictionary<string, int> Snapshot() => new Dictionary<string, int>(_counts, StringComparer.Ordinal);
}
