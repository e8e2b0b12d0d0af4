namespace Swarm.Storage.Queues;

/// <summary>What the queue answered to an update: the new pop receipt (the old one is void) and visibility.</summary>
/// <param name="PopReceipt">The receipt to use from now on.</param>
/// <param name="NextVisibleOn">When the message becomes visible again.</param>
public sealed record UpdateReceipt(string PopReceipt, DateTimeOffset NextVisibleOn);
