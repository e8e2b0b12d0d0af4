using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Swarm.Functions.Audit;

/// <summary>One audited action: who did what to which target, when, with what outcome, linked to the entry before it.</summary>
/// <param name="Sequence">The entry's position in the chain, from 1.</param>
/// <param name="At">When the action was answered (UTC).</param>
/// <param name="Who">The caller: the token's subject, and its name when it differs.</param>
/// <param name="Action">The method and route, e.g. <c>POST /api/sweeps</c>.</param>
/// <param name="Target">The instance or sweep acted on; empty when none.</param>
/// <param name="Outcome">The HTTP status code of the answer.</param>
/// <param name="PreviousHash">The <see cref="Hash"/> of entry <c>Sequence - 1</c>; <see cref="AuditLog.GenesisHash"/> for the first.</param>
/// <param name="Hash">SHA-256 (hex) of every other field, <see cref="PreviousHash"/> included.</param>
public sealed record AuditEntry(long Sequence, DateTimeOffset At, string Who, string Action, string Target, int Outcome, string PreviousHash, string Hash)
{
    /// <summary>The hash the fields of an entry must have.</summary>
    /// <remarks>Fields are length-prefixed so no two different entries serialise to the same text.</remarks>
    public static string ComputeHash(long sequence, DateTimeOffset at, string who, string action, string target, int outcome, string previousHash)
    {
        var text = new StringBuilder();
        foreach (var field in new[]
        {
            sequence.ToString(CultureInfo.InvariantCulture),
            at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            who,
            action,
            target,
            outcome.ToString(CultureInfo.InvariantCulture),
            previousHash,
        })
        {
            text.Append(field.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>Whether <see cref="Hash"/> matches the other fields.</summary>
    public bool IsIntact => Hash == ComputeHash(Sequence, At, Who, Action, Target, Outcome, PreviousHash);
}
