namespace Swarm.Functions.Intake;

/// <summary>A job message received from an <see cref="IJobQueue"/> under a lease: complete or abandon it with this object.</summary>
/// <param name="Message">What the intake function handles.</param>
/// <param name="QueueMessageId">The queue's own id of the message.</param>
/// <param name="LeaseToken">Proves this delivery holds the lease (a pop receipt, a lease id).</param>
/// <param name="EnqueuedAt">When the message was enqueued.</param>
public sealed record JobQueueMessage(IntakeMessage Message, string QueueMessageId, string LeaseToken, DateTimeOffset EnqueuedAt);
