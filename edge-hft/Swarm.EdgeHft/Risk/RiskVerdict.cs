namespace Swarm.EdgeHft.Risk;

/// <summary>The outcome of a pre-trade check: accepted, or rejected with its reason.</summary>
/// <param name="Reason">Why it was rejected; <see cref="RiskRejectReason.None"/> when accepted.</param>
public readonly record struct RiskVerdict(RiskRejectReason Reason)
{
    /// <summary>The accepting verdict.</summary>
    public static RiskVerdict Accept => default;

    /// <summary>True when the order may be sent.</summary>
    public bool IsAccepted => Reason == RiskRejectReason.None;
}
