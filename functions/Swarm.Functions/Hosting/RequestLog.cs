using System.Diagnostics;

namespace Swarm.Functions.Hosting;

/// <summary>One log line per request, after it is answered: method, path, status, time. The framework's own per-request lines stay at Debug.</summary>
/// <remarks>Category <c>Swarm.Functions.Hosting.RequestLog</c>, level Information; the query string is left out (it may carry ids, never secrets, but it is noise).</remarks>
public sealed partial class RequestLog(RequestDelegate next, ILogger<RequestLog> logger)
{
    /// <summary>Answers the request and logs its line.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            Answered(logger, context.Request.Method, context.Request.Path.Value ?? "/", context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Method} {Path} {Status} {ElapsedMs:0.0} ms")]
    private static partial void Answered(ILogger logger, string method, string path, int status, double elapsedMs);
}
