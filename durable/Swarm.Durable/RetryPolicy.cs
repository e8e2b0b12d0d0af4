namespace Swarm.Durable;

/// <summary>How a failed activity or sub-orchestration is retried.</summary>
/// <remarks>
/// Retries run inside the orchestration as durable timers between attempts, so they survive replay and restarts:
/// delay(n) = min(<see cref="FirstRetryInterval"/> × <see cref="BackoffCoefficient"/>^(n-1), <see cref="MaxRetryInterval"/>).
/// </remarks>
public sealed record RetryPolicy
{
    /// <summary>Creates a policy.</summary>
    /// <param name="maxNumberOfAttempts">Total attempts, the first included (at least 1).</param>
    /// <param name="firstRetryInterval">Delay before the first retry (positive).</param>
    /// <param name="backoffCoefficient">Multiplier applied to the delay after each retry (at least 1).</param>
    /// <param name="maxRetryInterval">Upper bound of one delay.</param>
    /// <param name="retryTimeout">Give up when the next attempt would start later than this after the first.</param>
    public RetryPolicy(
        int maxNumberOfAttempts,
        TimeSpan firstRetryInterval,
        double backoffCoefficient = 1.0,
        TimeSpan? maxRetryInterval = null,
        TimeSpan? retryTimeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxNumberOfAttempts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(firstRetryInterval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(backoffCoefficient, 1.0);
        if (maxRetryInterval is { } max && max < firstRetryInterval)
        {
            throw new ArgumentOutOfRangeException(nameof(maxRetryInterval), "The maximum retry interval must not be below the first retry interval.");
        }

        MaxNumberOfAttempts = maxNumberOfAttempts;
        FirstRetryInterval = firstRetryInterval;
        BackoffCoefficient = backoffCoefficient;
        MaxRetryInterval = maxRetryInterval ?? TimeSpan.FromHours(1);
        RetryTimeout = retryTimeout ?? Timeout.InfiniteTimeSpan;
    }

    /// <summary>Total attempts, the first included.</summary>
    public int MaxNumberOfAttempts { get; }

    /// <summary>Delay before the first retry.</summary>
    public TimeSpan FirstRetryInterval { get; }

    /// <summary>Multiplier applied to the delay after each retry.</summary>
    public double BackoffCoefficient { get; }

    /// <summary>Upper bound of one delay.</summary>
    public TimeSpan MaxRetryInterval { get; }

    /// <summary>Overall time limit for retrying, or <see cref="Timeout.InfiniteTimeSpan"/>.</summary>
    public TimeSpan RetryTimeout { get; }

    /// <summary>Decides whether a failure is worth retrying; null retries every retriable failure.</summary>
    public Func<History.TaskFailureDetails, bool>? HandleFailure { get; init; }

    /// <summary>The delay before retry number <paramref name="retry"/> (1-based).</summary>
    public TimeSpan DelayBeforeRetry(int retry)
    {
        var ticks = FirstRetryInterval.Ticks * Math.Pow(BackoffCoefficient, retry - 1);
        return ticks >= MaxRetryInterval.Ticks ? MaxRetryInterval : TimeSpan.FromTicks((long)ticks);
    }
}
