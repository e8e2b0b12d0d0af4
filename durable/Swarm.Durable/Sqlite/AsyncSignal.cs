namespace Swarm.Durable.Sqlite;

/// <summary>Wakes every waiter when signalled; waiters also give up after a timeout.</summary>
internal sealed class AsyncSignal
{
    private TaskCompletionSource _current = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Signal() => Interlocked.Exchange(ref _current, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    public async Task WaitAsync(TimeSpan maxWait, CancellationToken cancellationToken)
    {
        var signalled = Volatile.Read(ref _current).Task;
        try
        {
            await signalled.WaitAsync(maxWait, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Timing out is the normal way a poll ends when nothing happened.
        }
    }
}
