using Microsoft.AspNetCore.Mvc;

namespace Swarm.Functions.Hosting;

/// <summary>Writes a ProblemDetails answer from middleware (authentication, rate limiting), where no endpoint result exists.</summary>
public static class ProblemResponses
{
    /// <summary>Sets <paramref name="status"/> and writes the problem.</summary>
    public static async Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        var service = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await service.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        }).ConfigureAwait(false);
    }
}
