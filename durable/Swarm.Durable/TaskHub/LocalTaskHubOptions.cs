using Microsoft.Extensions.Logging;

namespace Swarm.Durable.TaskHub;

/// <summary>How a <see cref="LocalTaskHub"/> runs.</summary>
public sealed record LocalTaskHubOptions
{
    /// <summary>
    /// Whether this process dispatches the hub's work (the default). Off, the hub is a client only: it
    /// submits and reads, and whoever owns the task hub (another process, the Functions host) runs the work.
    /// </summary>
    public bool RunWorker { get; init; } = true;

    /// <summary>The least severe log level the hub's own components (DurableTask.Core, gRPC, Kestrel) report.</summary>
    public LogLevel MinimumLogLevel { get; init; } = LogLevel.Warning;

    /// <summary>Adds log providers (none by default: the hub is quiet unless asked).</summary>
    public Action<ILoggingBuilder>? Logging { get; init; }
}
