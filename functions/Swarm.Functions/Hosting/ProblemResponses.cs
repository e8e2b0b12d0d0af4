using Microsoft.AspNetCore.Mvc;

namespace Swarm.Functions.Hosting;

/// <summary>Writes a ProblemDetails answer from middleware (authentication, rate limiting), where no endpoint result exists.</summary>
public static class ProblemResponses
{
    /// <summary>Sets <paramref name="status"/> and writes the problem.</summary>
    public static Task WriteAsync(HttpContext context, int status, string title, string detail) => WriteAsync(context, status, title, detail, type: null);

    /// <summary>Sets <paramref name="status"/> and writes the problem with <paramref name="type"/>, for statuses the framework has no type link for.</summary>
    public static async Task WriteAsync(HttpContext context, int status, string title, string detail, string? type)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        var service = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await service.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Type = type, Status = status, Title = title, Detail = detail },
        }).ConfigureAwait(false);
    }
}
