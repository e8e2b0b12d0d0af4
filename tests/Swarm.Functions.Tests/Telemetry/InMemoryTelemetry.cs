using System.Collections;
using System.Diagnostics;
using System.Globalization;
using OpenTelemetry.Logs;
using OpenTelemetry.Trace;
using OpenTelemetry.Metrics;
using Swarm.Functions.Telemetry;

namespace Swarm.Functions.Tests.Telemetry;

/// <summary>
/// <see cref="SwarmTelemetry"/> exporting to OpenTelemetry's in-memory exporters instead of Azure Monitor: the same
/// providers, sources, meters and event records the app exports in Azure, captured for assertions.
/// </summary>
internal sealed class InMemoryTelemetry : IDisposable
{
    private readonly List<Activity> _spans = [];
    private readonly List<MetricSnapshot> _metrics = [];
    private readonly CustomEvents _events = new();

    public InMemoryTelemetry(IEnumerable<string>? spanSources = null)
    {
        Telemetry = new SwarmTelemetry(
            new TelemetryExport(
                traces => traces.AddInMemoryExporter(new Locked<Activity>(_spans)),
                metrics => metrics.AddInMemoryExporter(new Locked<MetricSnapshot>(_metrics)),
                logs => logs.AddInMemoryExporter(_events)),
            spanSources ?? SwarmTelemetry.DefaultSpanSources);
    }

    public SwarmTelemetry Telemetry { get; }

    /// <summary>The ended spans exported so far.</summary>
    public IReadOnlyList<Activity> Spans
    {
        get
        {
            lock (_spans)
            {
                return [.. _spans];
            }
        }
    }

    /// <summary>The custom events exported so far (log records with <see cref="SwarmTelemetry.CustomEventAttribute"/>).</summary>
    public IReadOnlyList<CustomEvent> Events => _events.Snapshot();

    /// <summary>Collects the metrics now and returns the points of <paramref name="name"/>: totals so far (cumulative), one per tag set.</summary>
    public IReadOnlyList<MetricPoint> Points(string name)
    {
        lock (_metrics)
        {
            _metrics.Clear();
        }

        Telemetry.Flush();
        lock (_metrics)
        {
            return [.. _metrics.Where(m => m.Name == name).SelectMany(m => m.MetricPoints)];
        }
    }

    /// <summary>The value of <paramref name="key"/> among a point's tags.</summary>
    public static object? Tag(MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key)
            {
                return tag.Value;
            }
        }

        return null;
    }

    public void Dispose() => Telemetry.Dispose();

    /// <summary>An Application Insights custom event as the exporter would build it: the name and the other attributes.</summary>
    internal sealed record CustomEvent(string Name, IReadOnlyDictionary<string, string?> Properties);

    /// <summary>A list that exporters on other threads add to.</summary>
    private sealed class Locked<T>(List<T> items) : ICollection<T>
    {
        public int Count
        {
            get
            {
                lock (items)
                {
                    return items.Count;
                }
            }
        }

        public bool IsReadOnly => false;

        public void Add(T item)
        {
            lock (items)
            {
                items.Add(item);
            }
        }

        public void Clear()
        {
            lock (items)
            {
                items.Clear();
            }
        }

        public bool Contains(T item)
        {
            lock (items)
            {
                return items.Contains(item);
            }
        }

        public void CopyTo(T[] array, int arrayIndex)
        {
            lock (items)
            {
                items.CopyTo(array, arrayIndex);
            }
        }

        public bool Remove(T item)
        {
            lock (items)
            {
                return items.Remove(item);
            }
        }

        public IEnumerator<T> GetEnumerator()
        {
            lock (items)
            {
                return items.ToList().GetEnumerator();
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>
    /// Reads each exported log record when the exporter hands it over: the SDK reuses records after export, so their
    /// attributes are copied at once.
    /// </summary>
    private sealed class CustomEvents : ICollection<LogRecord>
    {
        private readonly List<CustomEvent> _events = [];

        public int Count => Snapshot().Count;

        public bool IsReadOnly => false;

        public IReadOnlyList<CustomEvent> Snapshot()
        {
            lock (_events)
            {
                return [.. _events];
            }
        }

        public void Add(LogRecord item)
        {
            var attributes = (item.Attributes ?? []).Where(a => a.Key != "{OriginalFormat}")
                .ToDictionary(a => a.Key, a => Convert.ToString(a.Value, CultureInfo.InvariantCulture), StringComparer.Ordinal);
            if (attributes.Remove(SwarmTelemetry.CustomEventAttribute, out var name) && name is not null)
            {
                lock (_events)
                {
                    _events.Add(new CustomEvent(name, attributes));
                }
            }
        }

        public void Clear()
        {
            lock (_events)
            {
                _events.Clear();
            }
        }

        public bool Contains(LogRecord item) => false;

        public void CopyTo(LogRecord[] array, int arrayIndex) => throw new NotSupportedException("The records are read as they arrive and not kept.");

        public bool Remove(LogRecord item) => false;

        public IEnumerator<LogRecord> GetEnumerator() => Enumerable.Empty<LogRecord>().GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
