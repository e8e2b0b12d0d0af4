using Azure;

namespace Swarm.Storage.Tables;

/// <summary>One action of an entity group transaction (<see cref="TableClient.SubmitTransactionAsync"/>).</summary>
/// <param name="ActionType">What the action does.</param>
/// <param name="Entity">The entity (only its keys matter for <see cref="TableTransactionActionType.Delete"/>).</param>
/// <param name="ETag">The <c>If-Match</c> value for updates and deletes; default means the entity's own ETag, or <c>*</c> when it has none.</param>
public sealed record TableTransactionAction(TableTransactionActionType ActionType, ITableEntity Entity, ETag ETag = default);
