namespace Swarm.Storage.Durable;

/// <summary>
/// Received control-queue messages waiting to be locked, with one claim per instance so that within this process an
/// instance is handled by one lock attempt or episode at a time and its messages are delivered in arrival order.
/// </summary>
/// <remarks>
/// Messages for a claimed instance are parked and handed back, merged into one group, when the claim ends. A claim
/// also ends when it expires (its episode's lock ran out, e.g. a worker that died without completing), so parked
/// messages are never held past the lock they wait for.
/// </remarks>
internal sealed class ReceivedMessageBuffer
{
    private readonly object _gate = new();
    private readonly LinkedList<ReceivedGroup> _ready = new();
    private readonly Dictionary<string, DateTime> _claims = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<ReceivedGroup>> _parked = new(StringComparer.Ordinal);

    public void Add(ReceivedGroup group)
    {
        lock (_gate)
        {
            _ready.AddLast(group);
        }
    }

    /// <summary>
    /// The oldest group whose instance is not claimed, merged with the messages deferred for that instance and now
    /// claimed until <paramref name="claimUntil"/>; groups of claimed instances are parked.
    /// </summary>
    public ReceivedGroup? TakeNext(DateTime now, DateTime claimUntil)
    {
        lock (_gate)
        {
            while (_ready.First is { } first)
            {
                _ready.RemoveFirst();
                var group = first.Value;
                if (_claims.TryGetValue(group.InstanceId, out var until) && until > now)
                {
                    Park(group);
                    continue;
                }

                _claims[group.InstanceId] = claimUntil;
                if (_parked.Remove(group.InstanceId, out var waiting) && waiting.Count > 0)
                {
                    waiting.Add(group);
                    group = Merge(group.InstanceId, waiting);
                }

                return group;
            }

            return null;
        }
    }

    /// <summary>Holds messages that cannot be delivered before something else for the instance arrives (its start).</summary>
    public void Defer(ReceivedGroup group)
    {
        lock (_gate)
        {
            Park(group);
        }
    }

    /// <summary>Extends the claim on <paramref name="instanceId"/> to the lock it now holds.</summary>
    public void Extend(string instanceId, DateTime until)
    {
        lock (_gate)
        {
            _claims[instanceId] = until;
        }
    }

    /// <summary>
    /// Ends the claim. With <paramref name="offerWaiting"/>, parked and deferred messages become ready again (without
    /// it, only when more than the one deferred group waits); returns true when that happened (pollers should be woken).
    /// </summary>
    public bool Release(string instanceId, bool offerWaiting)
    {
        lock (_gate)
        {
            _claims.Remove(instanceId);

            // Without offerWaiting only the deferred group itself is held back: anything that arrived meanwhile (perhaps
            // the start it waits for) is offered with it.
            if (!_parked.TryGetValue(instanceId, out var parked) || parked.Count == 0 || (!offerWaiting && parked.Count == 1))
            {
                return false;
            }

            _parked.Remove(instanceId);

            // One group, in arrival order, at the front: the next episode gets everything that waited.
            _ready.AddFirst(Merge(instanceId, parked));
            return true;
        }
    }

    private void Park(ReceivedGroup group)
    {
        if (!_parked.TryGetValue(group.InstanceId, out var parked))
        {
            _parked[group.InstanceId] = parked = [];
        }

        parked.Add(group);
    }

    private static ReceivedGroup Merge(string instanceId, List<ReceivedGroup> groups)
    {
        // A message held long enough to reappear on the queue and be received again appears twice: keep the newest receipt.
        var messages = groups.SelectMany(g => g.Messages)
            .GroupBy(m => m.Receipt.MessageId, StringComparer.Ordinal)
            .Select(g => g.Last())
            .ToList();
        return new ReceivedGroup(groups[0].Partition, instanceId, messages, groups.Min(g => g.ReceivedAt));
    }
}
