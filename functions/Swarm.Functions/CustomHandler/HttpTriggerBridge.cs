using System.Net;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace Swarm.Functions.CustomHandler;

/// <summary>
/// Runs an HTTP-trigger invocation (<c>Data.req</c>: <c>Url</c>, <c>Method</c>, <c>Query</c>, <c>Headers</c>,
/// <c>Params</c>, <c>Body</c>, <c>Identities</c>) through the function app's own request pipeline in-process, and turns
/// what it wrote into <c>Outputs.res</c> (<c>statusCode</c>, <c>headers</c>, <c>body</c>).
/// </summary>
/// <remarks>
/// The request goes through the same pipeline as under <c>swarm serve</c> — ProblemDetails, audit, JWT bearer
/// authentication, role policies, rate limits, routing — so a function never runs without the checks its
/// <c>[Authorize]</c> attributes ask for. The host's <c>Identities</c> (App Service authentication) are not trusted for
/// that: the bearer token in <c>Headers.Authorization</c> is what is validated.
/// </remarks>
internal sealed class HttpTriggerBridge(RequestDelegate pipeline, IServiceScopeFactory scopes, long maxRequestBodyBytes)
{
    public async Task<JsonObject> InvokeAsync(JsonObject request, string? routePrefix, CancellationToken cancellationToken)
    {
        var context = new DefaultHttpContext();
        var response = new BufferedResponseFeature();
        using var body = new MemoryStream();
        context.Features.Set<IHttpResponseFeature>(response);
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(body));
        context.Features.Set<IHttpRequestLifetimeFeature>(new HttpRequestLifetimeFeature { RequestAborted = cancellationToken });
        // Links the app hands out must name the host's routes, which sit below its prefix.
        context.Features.Set(new Hosting.FunctionsHostRequestFeature(FunctionInvoker.HostRoutePrefix));
        Fill(context, request, routePrefix);
        if (context.Request.ContentLength > maxRequestBodyBytes)
        {
            // Kestrel enforces the app's body limit under `swarm serve`; in-process nothing would.
            return TooLarge(context.Request.ContentLength.Value);
        }

        await using var scope = scopes.CreateAsyncScope();
        context.RequestServices = scope.ServiceProvider;
        await pipeline(context).ConfigureAwait(false);
        await response.StartAsync().ConfigureAwait(false);
        await response.CompleteAsync().ConfigureAwait(false);

        var headers = new JsonObject();
        foreach (var (name, values) in response.Headers)
        {
            headers[name] = values.ToString();
        }

        return new JsonObject
        {
            ["statusCode"] = response.StatusCode,
            ["headers"] = headers,
            ["body"] = Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length),
        };
    }

    private JsonObject TooLarge(long length) => new()
    {
        ["statusCode"] = StatusCodes.Status413PayloadTooLarge,
        ["headers"] = new JsonObject { ["Content-Type"] = "application/problem+json" },
        ["body"] = new JsonObject
        {
            ["type"] = "https://tools.ietf.org/html/rfc9110#section-15.5.14",
            ["title"] = "Request body too large.",
            ["status"] = StatusCodes.Status413PayloadTooLarge,
            ["detail"] = $"The body is {length} bytes; at most {maxRequestBodyBytes} are accepted.",
        }.ToJsonString(),
    };

    private static void Fill(HttpContext context, JsonObject request, string? routePrefix)
    {
        var method = Text(request, "Method") ?? throw new InvalidInvocationException("Data.req.Method: required (the HTTP method).");
        var url = Text(request, "Url") ?? throw new InvalidInvocationException("Data.req.Url: required (the request URL).");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            throw new InvalidInvocationException($"Data.req.Url: '{url}' is not an absolute URL.");
        }

        var http = context.Request;
        http.Method = method.ToUpperInvariant();
        http.Scheme = uri.Scheme;
        http.Host = new HostString(uri.Authority);
        var path = new PathString(Uri.UnescapeDataString(uri.AbsolutePath));
        if (routePrefix is not null && path.StartsWithSegments(routePrefix, StringComparison.OrdinalIgnoreCase, out var rest))
        {
            // The host serves every function below host.json's routePrefix; the app serves the Durable-style
            // management routes at the root, as the Durable extension does.
            path = rest;
        }

        http.Path = path;
        http.QueryString = new QueryString(uri.Query);
        if (uri.Query.Length == 0 && Object(request, "Query") is { Count: > 0 } query)
        {
            // Some hosts strip the query from Url and pass it only as Query.
            http.QueryString = QueryString.Create(query.Select(p => new KeyValuePair<string, string?>(p.Key, Scalar(p.Value))));
        }

        if (Object(request, "Headers") is { } headers)
        {
            foreach (var (name, value) in headers)
            {
                http.Headers[name] = value switch
                {
                    JsonArray values => new StringValues([.. values.Select(Scalar)]),
                    _ => new StringValues(Scalar(value)),
                };
            }
        }

        if (Object(request, "Params") is { } parameters)
        {
            foreach (var (name, value) in parameters)
            {
                http.RouteValues[name] = Scalar(value);
            }
        }

        var content = request["Body"] switch
        {
            null => null,
            JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
            var node => node.ToJsonString(),
        };
        if (content is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(content);
            http.Body = new MemoryStream(bytes, writable: false);
            http.ContentLength = bytes.Length;
        }

        // The last entry is the one the platform's front end appended, which a caller cannot forge (earlier entries
        // come from the caller); App Service writes it with a port.
        var forwarded = http.Headers["X-Forwarded-For"].ToString().Split(',')[^1].Trim();
        context.Connection.RemoteIpAddress = IPEndPoint.TryParse(forwarded, out var endpoint) ? endpoint.Address : IPAddress.Loopback;
        context.User = new ClaimsPrincipal(new ClaimsIdentity());
    }

    private static string? Text(JsonObject node, string name) =>
        node[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>
    /// A map of the request. Depending on the host version, <c>Query</c> is an object or the JSON text of one
    /// (<c>GetQueryCollectionAsString</c>), so a string holding a JSON object is read as that object.
    /// </summary>
    private static JsonObject? Object(JsonObject node, string name)
    {
        switch (node[name])
        {
            case null:
                return null;
            case JsonObject map:
                return map;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                try
                {
                    return JsonNode.Parse(value.GetValue<string>()) as JsonObject
                        ?? throw new InvalidInvocationException($"Data.req.{name}: expected a JSON object or its JSON text.");
                }
                catch (JsonException e)
                {
                    throw new InvalidInvocationException($"Data.req.{name}: expected a JSON object or its JSON text; {e.Message}", e);
                }

            default:
                throw new InvalidInvocationException($"Data.req.{name}: expected a JSON object.");
        }
    }

    private static string? Scalar(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value => value.ToJsonString(),
        _ => node.ToJsonString(),
    };
}
