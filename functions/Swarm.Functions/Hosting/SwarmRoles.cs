namespace Swarm.Functions.Hosting;

/// <summary>The app roles a caller's token carries (Entra ID app roles, the <c>roles</c> claim), which are also the authorization policy names.</summary>
/// <remarks>Each role includes the ones below it: <see cref="Admin"/> may write and read, <see cref="Write"/> may read.</remarks>
public static class SwarmRoles
{
    /// <summary>Read status, results and the model catalog.</summary>
    public const string Read = "Swarm.Read";

    /// <summary>Submit and cancel simulations and sweeps.</summary>
    public const string Write = "Swarm.Write";

    /// <summary>The Durable management endpoints (terminate, suspend, resume, raise events, purge).</summary>
    public const string Admin = "Swarm.Admin";

    /// <summary>Every role, lowest first.</summary>
    public static IReadOnlyList<string> All { get; } = [Read, Write, Admin];

    /// <summary>The roles that satisfy <paramref name="role"/>: it and every role above it.</summary>
    public static IReadOnlyList<string> Satisfying(string role) => role switch
    {
        Read => [Read, Write, Admin],
        Write => [Write, Admin],
        Admin => [Admin],
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Not a Swarm role."),
    };
}
