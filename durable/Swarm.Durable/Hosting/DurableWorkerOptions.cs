using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Swarm.Durable.Hosting;

/// <summary>Settings of a <see cref="DurableWorker"/>.</summary>
public sealed record DurableWorkerOptions
{
    /// <summary>Episodes processed at the same time.</summary>
    public int MaxConcurrentOrchestrations { get; init; } = Environment.ProcessorCount * 2;

    /// <summary>Activities running at the same time.</summary>
    public int MaxConcurrentActivities { get; init; } = Environment.ProcessorCount * 4;

    /// <summary>Run orchestration episodes (false makes an activity-only worker).</summary>
    public bool ProcessOrchestrations { get; init; } = true;

    /// <summary>Run activities (false makes an orchestration-only worker).</summary>
    public bool ProcessActivities { get; init; } = true;

    /// <summary>How long a work item stays locked (activity locks are renewed while they run).</summary>
    public TimeSpan LockDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The shortest wait between polls of an empty queue.</summary>
    public TimeSpan MinPollInterval { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>The longest wait between polls of an empty queue (the back-off cap; also bounds timer latency).</summary>
    public TimeSpan MaxPollInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>A work item handed out more often than this without completing is failed with its last error.</summary>
    public int MaxDispatchAttempts { get; init; } = 5;

    /// <summary>Executions kept in memory between episodes; 0 replays every episode from history.</summary>
    public int MaxCachedOrchestrations { get; init; } = 1000;

    /// <summary>Largest serialized activity output, in UTF-8 bytes; larger results fail the activity.</summary>
    public int MaxActivityOutputBytes { get; init; } = 1024 * 1024;

    /// <summary>Settings of the replay executor (converter, custom status and output limits, loggers).</summary>
    public Execution.OrchestrationExecutorOptions Executor { get; init; } = new();

    /// <summary>Loggers for the worker itself.</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;
}
