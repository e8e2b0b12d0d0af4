using Swarm.Durable.Execution;

namespace Swarm.Durable.Hosting;

/// <summary>Executions kept between episodes, least recently used evicted first.</summary>
/// <remarks>
/// An entry is taken out while its episode runs and put back after the backend committed it, so an entry never
/// describes history the store does not have.
/// </remarks>
internal sealed class ExecutionCache(int capacity)
{
    private readonly Dictionary<string, LinkedListNode<OrchestrationExecution>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<OrchestrationExecution> _order = new();
    private readonly Lock _gate = new();

    public OrchestrationExecution? Take(string instanceId, string executionId, int historyCount)
    {
        lock (_gate)
        {
            if (!_entries.Remove(instanceId, out var node))
            {
                return null;
            }

            _order.Remove(node);
            var execution = node.Value;
            return string.Equals(execution.ExecutionId, executionId, StringComparison.Ordinal) && execution.HistoryLength == historyCount
                ? execution
                : null;
        }
    }

    /// <summary>The start event of the cached execution, without taking it; null when it is not cached.</summary>
    public History.ExecutionStartedEvent? PeekStart(string instanceId, string executionId)
    {
        lock (_gate)
        {
            return _entries.TryGetValue(instanceId, out var node) && string.Equals(node.Value.ExecutionId, executionId, StringComparison.Ordinal)
                ? node.Value.StartedEvent
                : null;
        }
    }

    public void Put(OrchestrationExecution execution)
    {
        if (capacity <= 0)
        {
            return;
        }

        lock (_gate)
        {
            if (_entries.Remove(execution.InstanceId, out var old))
            {
                _order.Remove(old);
            }

            _entries[execution.InstanceId] = _order.AddFirst(execution);
            while (_entries.Count > capacity)
            {
                var last = _order.Last!;
                _order.RemoveLast();
                _entries.Remove(last.Value.InstanceId);
            }
        }
    }

    public void Remove(string instanceId)
    {
        lock (_gate)
        {
            if (_entries.Remove(instanceId, out var node))
            {
                _order.Remove(node);
            }
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
            _order.Clear();
        }
    }
}
