namespace Swarm.Functions.Hosting;

/// <summary>The response headers every answer carries: no sniffing, no framing, no referrer, no caching of API data.</summary>
public static class SecurityHeaders
{
    /// <summary>Adds the headers to every response (set before the body starts, so errors carry them too).</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                if (!headers.ContainsKey("Content-Security-Policy"))
                {
                    // API answers are data, never a page; the dashboard's files set their own, narrower-than-the-web policy.
                    headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; sandbox";
                }
                headers["Referrer-Policy"] = "no-referrer";
                headers["Cross-Origin-Resource-Policy"] = "same-origin";
                if (!headers.ContainsKey("Cache-Control"))
                {
                    headers.CacheControl = "no-store";
                }

                if (context.Request.IsHttps)
                {
                    headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
    }
}
