using Swarm.Durable.History;

namespace Swarm.Durable.Hosting;

/// <summary>
/// The trace contexts of activities this worker scheduled and has not run yet, keyed by instance, execution and task
/// id: the activity queue does not carry them, and reading the scheduling event back from history for every activity
/// would cost a history read each.
/// </summary>
/// <remarks>
/// Bounded: the oldest entries go first, so entries for activities another worker ran, or that a ContinueAsNew voided,
/// cannot pile up. A miss is not an error; the worker then reads the TaskScheduled event from history.
/// </remarks>
internal sealed class ScheduledTaskTraces(int capacity)
{
    private readonly Dictionary<(string InstanceId, string ExecutionId, int TaskId), TraceContext> _byTask = [];
    private readonly Queue<(string InstanceId, string ExecutionId, int TaskId)> _arrival = new();
    private readonly Lock _gate = new();

    public void Add(string instanceId, string executionId, int taskId, TraceContext context)
    {
        var key = (instanceId, executionId, taskId);
        lock (_gate)
        {
            if (!_byTask.TryAdd(key, context))
            {
                return;
            }

            _arrival.Enqueue(key);

            // The queue may hold keys already taken; evicting one of those is a no-op, and the queue's own bound keeps
            // both collections at most capacity long.
            while (_arrival.Count > capacity)
            {
                _byTask.Remove(_arrival.Dequeue());
            }
        }
    }

    public TraceContext? Take(string instanceId, string executionId, int taskId)
    {
        lock (_gate)
        {
            return _byTask.Remove((instanceId, executionId, taskId), out var context) ? context : null;
        }
    }
}
