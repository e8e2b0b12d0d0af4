namespace Swarm.Durable.Sqlite;

/// <summary>Wakes waiters when signalled; a signal given while nobody waits is kept for the next waiter.</summary>
/// <remarks>
/// Invariant that prevents a lost wake-up: <see cref="WaitAsync"/> reads the current task before it consumes the
/// pending flag, and <see cref="Signal"/> sets the flag before it completes the task, so a signal racing a waiter is
/// seen by the flag or by the task.
/// </remarks>
internal sealed class AsyncSignal
{
    private TaskCompletionSource _current = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _pending;

    public void Signal()
    {
        Volatile.Write(ref _pending, 1);
        Interlocked.Exchange(ref _current, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    public async Task WaitAsync(TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var signalled = Volatile.Read(ref _current).Task;
        if (Interlocked.Exchange(ref _pending, 0) == 1)
        {
            return;
        }

        try
        {
            await signalled.WaitAsync(maxWait, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Timing out is the normal way a poll ends when nothing happened.
        }

        Volatile.Write(ref _pending, 0);
    }
}
