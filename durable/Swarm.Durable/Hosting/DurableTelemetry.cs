using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Swarm.Durable.Hosting;

/// <summary>The runtime's trace source and meter, both named <c>Swarm.Durable</c>.</summary>
public static class DurableTelemetry
{
    /// <summary>The name of the activity source and the meter.</summary>
    public const string Name = "Swarm.Durable";

    /// <summary>Spans: one per orchestration episode and per activity execution.</summary>
    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter RuntimeMeter = new(Name);

    /// <summary>Orchestration episodes processed.</summary>
    public static readonly Counter<long> Episodes = RuntimeMeter.CreateCounter<long>("durable.orchestration.episodes");

    /// <summary>Orchestration executions finished, tagged by status.</summary>
    public static readonly Counter<long> OrchestrationsFinished = RuntimeMeter.CreateCounter<long>("durable.orchestration.finished");

    /// <summary>Activities executed, tagged by outcome.</summary>
    public static readonly Counter<long> Activities = RuntimeMeter.CreateCounter<long>("durable.activity.executions");

    /// <summary>Work items given up after too many attempts, tagged by kind.</summary>
    public static readonly Counter<long> Poisoned = RuntimeMeter.CreateCounter<long>("durable.workitem.poisoned");

    /// <summary>Episode duration in milliseconds.</summary>
    public static readonly Histogram<double> EpisodeDuration = RuntimeMeter.CreateHistogram<double>("durable.orchestration.episode.duration", "ms");

    /// <summary>Episodes served from the in-memory execution cache versus replayed from history.</summary>
    public static readonly Counter<long> CacheLookups = RuntimeMeter.CreateCounter<long>("durable.orchestration.cache");
}
