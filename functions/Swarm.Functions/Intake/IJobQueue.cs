namespace Swarm.Functions.Intake;

/// <summary>
/// A local queue standing in for the Service Bus queue, with its peek-lock semantics: a received message is hidden
/// for a lease, reappears (with its delivery count raised) unless completed, and is removed only by
/// <see cref="CompleteAsync"/>.
/// </summary>
/// <remarks>Implementations: <see cref="EmbeddedJobQueue"/> (SQLite in the data folder) and <see cref="StorageJobQueue"/> (an Azure Storage queue).</remarks>
public interface IJobQueue
{
    /// <summary>Creates the queue if it does not exist.</summary>
    Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default);

    /// <summary>Enqueues a job message.</summary>
    Task SendAsync(IntakeMessage message, CancellationToken cancellationToken = default);

    /// <summary>Receives the next visible message, hidden from other receivers for <paramref name="lease"/>; null when none is visible.</summary>
    Task<JobQueueMessage?> ReceiveAsync(TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Removes a received message; false when its lease was lost (it expired and the message was delivered again).</summary>
    Task<bool> CompleteAsync(JobQueueMessage message, CancellationToken cancellationToken = default);

    /// <summary>Gives a received message back, to be delivered again after <paramref name="retryAfter"/>; false when its lease was lost.</summary>
    Task<bool> AbandonAsync(JobQueueMessage message, TimeSpan retryAfter, CancellationToken cancellationToken = default);

    /// <summary>Waits until a message may be visible, at most <paramref name="maxWait"/> (returns early when this process sends one).</summary>
    Task WaitForMessagesAsync(TimeSpan maxWait, CancellationToken cancellationToken = default);
}
