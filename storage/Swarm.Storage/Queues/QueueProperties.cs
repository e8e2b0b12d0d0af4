namespace Swarm.Storage.Queues;

/// <summary>A queue's metadata and approximate length.</summary>
/// <param name="ApproximateMessagesCount">About how many messages the queue holds.</param>
/// <param name="Metadata">User metadata.</param>
public sealed record QueueProperties(int ApproximateMessagesCount, IReadOnlyDictionary<string, string> Metadata);
