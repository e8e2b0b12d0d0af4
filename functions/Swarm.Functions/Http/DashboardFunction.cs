using System.Collections.Frozen;
using Microsoft.AspNetCore.Authorization;
using Swarm.Functions.Triggers;

namespace Swarm.Functions.Http;

/// <summary>
/// <c>GET /api/dashboard/{asset}</c>: the web dashboard's page, script and style, shipped inside this assembly (no CDN,
/// nothing fetched at run time). Anonymous, since the files hold no data: the page signs in to the API with a bearer token.
/// </summary>
/// <remarks><c>swarm serve</c> also answers <c>/</c> with a redirect here.</remarks>
[Function("Dashboard")]
[HttpTrigger("dashboard/{*asset}", "get")]
[AllowAnonymous]
public sealed class DashboardFunction : IHttpFunction
{
    /// <summary>The dashboard's path.</summary>
    public const string Path = "/api/dashboard/";

    private static readonly FrozenDictionary<string, (byte[] Content, string Type)> Assets = Load();

    /// <inheritdoc />
    public Task<IResult> RunAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = context.Request.RouteValues["asset"] as string;
        if (string.IsNullOrEmpty(name))
        {
            name = "index.html";
        }

        if (!Assets.TryGetValue(name, out var asset))
        {
            return Task.FromResult(ApiProblem.NotFound($"The dashboard has no '{name}'."));
        }

        // The page is plain files; a strict policy keeps anything but them out (inline SVG charts come from the API as data).
        context.Response.Headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'";
        context.Response.Headers.CacheControl = "no-cache";
        return Task.FromResult<IResult>(TypedResults.Bytes(asset.Content, asset.Type));
    }

    private static FrozenDictionary<string, (byte[] Content, string Type)> Load()
    {
        var assembly = typeof(DashboardFunction).Assembly;
        var assets = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("dashboard/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var name = resource["dashboard/".Length..];
            var type = System.IO.Path.GetExtension(name) switch
            {
                ".html" => "text/html; charset=utf-8",
                ".js" => "text/javascript; charset=utf-8",
                ".css" => "text/css; charset=utf-8",
                _ => "application/octet-stream",
            };
            assets[name] = (buffer.ToArray(), type);
        }

        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
