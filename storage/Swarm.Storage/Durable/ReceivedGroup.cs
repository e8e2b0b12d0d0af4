namespace Swarm.Storage.Durable;

/// <summary>Control-queue messages received for one instance, held invisible until locked or released.</summary>
/// <param name="Partition">The control queue they came from (an instance always maps to one).</param>
/// <param name="InstanceId">The instance, or empty when the bodies could not be read.</param>
/// <param name="Messages">Each message's receipt and body (null when unreadable), in arrival order.</param>
/// <param name="ReceivedAt">When the oldest of them was received: their invisibility runs from then.</param>
internal sealed record ReceivedGroup(int Partition, string InstanceId, List<(QueuedMessageReceipt Receipt, ControlMessage? Body)> Messages, DateTime ReceivedAt);
