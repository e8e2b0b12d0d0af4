using System.Security.Claims;

namespace Swarm.Functions.Hosting;

/// <summary>The key that rate limits are kept under: the authenticated caller, else the client address.</summary>
public static class CallerPartition
{
    /// <summary>The partition key of <paramref name="context"/>'s caller.</summary>
    public static string Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true)
        {
            // The tenant and the subject together: a subject is only unique within its issuer.
            var subject = user.FindFirstValue("sub") ?? user.FindFirstValue("oid") ?? "unknown";
            return $"user:{user.FindFirstValue("iss")}:{subject}";
        }

        return $"address:{context.Connection.RemoteIpAddress}";
    }
}
