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

    /// <summary>
    /// Also serve the task hub's gRPC protocol on this loopback TCP port (0: any free port), for clients in other
    /// processes — the way the Durable Task Scheduler emulator or the Durable extension offer theirs. Null (the default):
    /// only this process's client, over its private socket.
    /// </summary>
    public int? LoopbackPort { get; init; }

    /// <summary>The least severe log level the hub's own components (DurableTask.Core, gRPC, Kestrel) report.</summary>
    public LogLevel MinimumLogLevel { get; init; } = LogLevel.Warning;

    /// <summary>Adds log providers (none by default: the hub is quiet unless asked).</summary>
    public Action<ILoggingBuilder>? Logging { get; init; }
}
