namespace Swarm.Durable.Embedded;

/// <summary>Wakes everything waiting on it at once; a waiter that takes <see cref="Next"/> before looking for work misses no wake-up.</summary>
internal sealed class WakeSignal
{
    private TaskCompletionSource _next = NewSource();

    /// <summary>The task completed by the next <see cref="Set"/>; take it before checking for work, then await it.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    /// <summary>Wakes every current waiter.</summary>
    public void Set() => Interlocked.Exchange(ref _next, NewSource()).TrySetResult();

    /// <summary>Wakes every waiter at <paramref name="dueUtc"/> (work that becomes visible then, such as a timer).</summary>
    public void SetAt(DateTime dueUtc)
    {
        var delay = dueUtc - DateTime.UtcNow;
        if (delay <= TimeSpan.Zero)
        {
            Set();
            return;
        }

        _ = Task.Delay(delay + TimeSpan.FromMilliseconds(1)).ContinueWith(_ => Set(), TaskScheduler.Default);
    }

    /// <summary>Waits for <paramref name="next"/> (taken from <see cref="Next"/>) or until <paramref name="timeout"/>.</summary>
    public static async Task WaitAsync(Task next, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (timeout <= TimeSpan.Zero || next.IsCompleted)
        {
            return;
        }

        try
        {
            await next.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Nothing woke us: look again anyway, for work another process enqueued.
        }
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
