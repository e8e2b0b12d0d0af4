using System.Collections.Concurrent;
using DurableTask.Core;

namespace Swarm.Durable.Conformance.OrchestrationService;

/// <summary>Fails the first two times it runs for a key, then succeeds: something for a retry policy to retry.</summary>
public sealed class Flaky : DurableTask.Core.TaskActivity<string, string>
{
    private static readonly ConcurrentDictionary<string, int> Attempts = new(StringComparer.Ordinal);

    /// <summary>How often the activity ran for <paramref name="key"/>.</summary>
    public static int AttemptsFor(string key) => Attempts.GetValueOrDefault(key);

    /// <inheritdoc />
    protected override string Execute(TaskContext context, string input)
    {
        var attempt = Attempts.AddOrUpdate(input, 1, (_, n) => n + 1);
        return attempt < 3 ? throw new InvalidOperationException($"attempt {attempt} fails") : $"ok after {attempt}";
    }
}
