namespace Swarm.Storage.Queues;

/// <summary>What the queue answered to a send.</summary>
/// <param name="MessageId">The new message's id.</param>
/// <param name="PopReceipt">A receipt for deleting or updating the message before it is received.</param>
/// <param name="InsertedOn">When it was enqueued.</param>
/// <param name="ExpiresOn">When it expires.</param>
/// <param name="NextVisibleOn">When it becomes visible to receivers.</param>
public sealed record SendReceipt(string MessageId, string PopReceipt, DateTimeOffset InsertedOn, DateTimeOffset ExpiresOn, DateTimeOffset NextVisibleOn);
