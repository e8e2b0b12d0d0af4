namespace Swarm.Functions.Audit;

/// <summary>The result of checking an audit chain: how many entries hold, and the first broken link if any.</summary>
/// <param name="Entries">Entries read.</param>
/// <param name="FirstBroken">The sequence number where the chain first breaks; null when it is intact.</param>
/// <param name="Problem">What is wrong there.</param>
public sealed record AuditVerification(long Entries, long? FirstBroken, string? Problem)
{
    /// <summary>Whether every entry is unaltered and none is missing.</summary>
    public bool IsIntact => FirstBroken is null;
}
