namespace Swarm.Durable;

/// <summary>Settings of a <see cref="DurableTaskClient"/>.</summary>
public sealed record DurableClientOptions
{
    /// <summary>The payload converter (JSON by default); must match the worker's.</summary>
    public DataConverter DataConverter { get; init; } = JsonDataConverter.Default;

    /// <summary>
    /// Scheduling an id that belongs to a finished instance replaces it (true, the default, as in Durable Functions)
    /// or is an error (false). An id of an instance that is still running is always an error.
    /// </summary>
    public bool ReplaceFinishedInstances { get; init; } = true;

    /// <summary>Longest wait between status polls in <see cref="DurableTaskClient.WaitForInstanceCompletionAsync"/>.</summary>
    public TimeSpan MaxStatusPollInterval { get; init; } = TimeSpan.FromMilliseconds(250);
}
