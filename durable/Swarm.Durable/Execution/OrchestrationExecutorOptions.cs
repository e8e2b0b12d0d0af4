using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Swarm.Durable.Execution;

/// <summary>Settings of the replay executor.</summary>
public sealed record OrchestrationExecutorOptions
{
    /// <summary>The payload converter (JSON by default).</summary>
    public DataConverter DataConverter { get; init; } = JsonDataConverter.Default;

    /// <summary>Loggers behind <see cref="TaskOrchestrationContext.CreateReplaySafeLogger(string)"/>.</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>Largest serialized custom status, in UTF-8 bytes (16 KB, the Durable Functions limit).</summary>
    public int MaxCustomStatusBytes { get; init; } = 16 * 1024;

    /// <summary>Largest serialized orchestration output, in UTF-8 bytes; larger outputs fail the instance.</summary>
    public int MaxOutputBytes { get; init; } = 1024 * 1024;
}
