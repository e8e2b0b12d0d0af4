using System.Security.Claims;

namespace Swarm.Functions.Audit;

/// <summary>Records every write (any method but GET, HEAD, OPTIONS) by an authenticated caller in the <see cref="AuditLog"/>, with its outcome.</summary>
/// <remarks>
/// Runs before authentication, so after the rest of the pipeline returns it sees who the caller was and the final
/// status code — refusals (403, 429, 400) included. Anonymous requests (401) are not recorded: nobody to name, and
/// recording them would let anyone fill the log. An action whose audit entry cannot be written still gets its
/// answer; the failure is logged as an error.
/// </remarks>
public sealed class AuditMiddleware(RequestDelegate next, AuditLog log, TimeProvider time, ILogger<AuditMiddleware> logger)
{
    /// <summary>Handles one request.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var status = StatusCodes.Status500InternalServerError;
        try
        {
            await next(context).ConfigureAwait(false);
            status = context.Response.StatusCode;
        }
        finally
        {
            if (Caller(context.User) is { } who)
            {
                var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
                var action = $"{context.Request.Method} {(route is null ? context.Request.Path.Value : "/" + route.TrimStart('/'))}";
                var target = context.GetRouteValue("id") as string ?? context.Items[TargetItem] as string ?? string.Empty;
                try
                {
                    await log.AppendAsync(time.GetUtcNow(), who, action, target, status, CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    logger.LogError(e, "Could not write the audit entry for {Who}: {Action} {Target} -> {Status}.", who, action, target, status);
                }
            }
        }
    }

    /// <summary>The <see cref="HttpContext.Items"/> key under which a function names its target when the route has no <c>id</c> (a new submission).</summary>
    public const string TargetItem = "Swarm.AuditTarget";

    private static string? Caller(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var subject = user.FindFirst("sub")?.Value ?? user.FindFirst("oid")?.Value ?? "unknown";
        var name = user.FindFirst("name")?.Value ?? user.FindFirst("preferred_username")?.Value;
        return name is null || name == subject ? subject : $"{subject} ({name})";
    }
}
