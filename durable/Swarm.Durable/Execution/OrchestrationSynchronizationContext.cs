namespace Swarm.Durable.Execution;

/// <summary>
/// Runs orchestrator continuations one at a time on the thread executing the episode, in the order they were posted,
/// so orchestrator code is single-threaded and deterministic.
/// </summary>
/// <remarks>
/// A post from any other thread, or after the episode returned, means the orchestrator awaited something that is not a
/// durable task (Task.Delay, I/O, Task.Run); that continuation is dropped and <see cref="ForeignPostDetected"/> is set so
/// the executor fails the instance instead of letting it run on a pool thread.
/// </remarks>
internal sealed class OrchestrationSynchronizationContext : SynchronizationContext
{
    private readonly Queue<(SendOrPostCallback Callback, object? State)> _queue = new();
    private int _ownerThread = -1;
    private int _foreignPost;

    public bool ForeignPostDetected => Volatile.Read(ref _foreignPost) != 0;

    public void Enter() => Volatile.Write(ref _ownerThread, Environment.CurrentManagedThreadId);

    public void Exit() => Volatile.Write(ref _ownerThread, -1);

    public override void Post(SendOrPostCallback d, object? state)
    {
        if (Volatile.Read(ref _ownerThread) != Environment.CurrentManagedThreadId)
        {
            Volatile.Write(ref _foreignPost, 1);
            return;
        }

        _queue.Enqueue((d, state));
    }

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Orchestrator code cannot block on a synchronous callback.");

    public override SynchronizationContext CreateCopy() => this;

    /// <summary>Runs queued continuations until none is left (continuations may queue more).</summary>
    public void Pump()
    {
        while (_queue.TryDequeue(out var item))
        {
            item.Callback(item.State);
        }
    }
}
