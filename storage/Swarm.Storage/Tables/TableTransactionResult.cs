using Azure;

namespace Swarm.Storage.Tables;

/// <summary>The outcome of one action of a committed transaction.</summary>
/// <param name="Status">The HTTP status the service answered for the action.</param>
/// <param name="ETag">The entity's new ETag; default for a delete.</param>
public sealed record TableTransactionResult(int Status, ETag ETag);
