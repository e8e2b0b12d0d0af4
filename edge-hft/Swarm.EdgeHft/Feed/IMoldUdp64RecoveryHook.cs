namespace Swarm.EdgeHft.Feed;

/// <summary>Told by <see cref="MoldUdp64Receiver"/> about sequence gaps, so that it can ask for the missing messages.</summary>
public interface IMoldUdp64RecoveryHook
{
    /// <summary>
    /// Messages <paramref name="firstMissing"/> .. <paramref name="firstMissing"/> + <paramref name="count"/> - 1 were
    /// not received. Return true when a re-transmission was requested: the receiver then holds later packets back until
    /// the gap fills or recovery times out. Return false to skip the gap at once.
    /// </summary>
    bool OnGap(MoldSession session, ulong firstMissing, ulong count);

    /// <summary>The gap could not be filled (timeout or hold-back buffer full); those messages are lost.</summary>
    void OnGapAbandoned(MoldSession session, ulong firstMissing, ulong count);
}
