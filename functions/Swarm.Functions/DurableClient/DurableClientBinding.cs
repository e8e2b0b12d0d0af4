using System.Text.Json;
using System.Text.Json.Nodes;

namespace Swarm.Functions.DurableClient;

/// <summary>
/// The value of a <c>durableClient</c> input binding: where the Durable extension's gRPC endpoint for out-of-process
/// clients is (<see cref="RpcBaseUrl"/>, what the SDK's <c>GrpcDurableTaskClient</c> talks to), where its management
/// HTTP API is (<see cref="HttpBaseUrl"/>) and the query string HTTP calls must carry (<see cref="RequiredQueryStringParameters"/>:
/// <c>taskHub</c>, <c>connection</c> and the extension's system key <c>code</c>).
/// </summary>
/// <remarks>
/// <para>The extension writes it with <c>BindingHelper.DurableOrchestrationClientToString</c>. In the middleware
/// passthrough protocol it is <c>{"taskHubName", "connectionName", "rpcBaseUrl", "httpBaseUrl",
/// "requiredQueryStringParameters"}</c>; the older protocol has <c>baseUrl</c> (the same URL) and ready-made
/// <c>creationUrls</c> / <c>managementUrls</c> instead of <c>httpBaseUrl</c>. Either base URL is accepted,
/// <c>httpBaseUrl</c> first. Unknown members are ignored.</para>
/// <para>The value holds the system key: it is never logged or shown.</para>
/// </remarks>
public sealed record DurableClientBinding
{
    /// <summary>The task hub's name (<c>taskHubName</c>).</summary>
    public string? TaskHubName { get; init; }

    /// <summary>The name of the storage connection setting (<c>connectionName</c>); null for the app's default.</summary>
    public string? ConnectionName { get; init; }

    /// <summary>The extension's gRPC endpoint (<c>rpcBaseUrl</c>, e.g. <c>http://127.0.0.1:4001/</c>); null from extensions that offer none.</summary>
    public Uri? RpcBaseUrl { get; init; }

    /// <summary>The base URL of the management API, e.g. <c>http://localhost:7071/runtime/webhooks/durabletask</c> (no trailing slash).</summary>
    public required Uri HttpBaseUrl { get; init; }

    /// <summary>The query string every request adds (<c>taskHub=…&amp;connection=…&amp;code=…</c>), without the leading <c>?</c>; empty when none.</summary>
    public string RequiredQueryStringParameters { get; init; } = string.Empty;

    /// <summary>
    /// Reads the binding value: the JSON object's text, or a JSON string holding that text (the host may quote the
    /// value once more).
    /// </summary>
    /// <exception cref="FormatException">The value is not a JSON object, or has no absolute http(s) <c>httpBaseUrl</c> / <c>baseUrl</c>.</exception>
    public static DurableClientBinding Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(value);
            if (node is JsonValue quoted && quoted.GetValueKind() == JsonValueKind.String)
            {
                node = JsonNode.Parse(quoted.GetValue<string>());
            }
        }
        catch (JsonException e)
        {
            throw new FormatException($"The durableClient binding value is not JSON: {e.Message}", e);
        }

        if (node is not JsonObject binding)
        {
            throw new FormatException("The durableClient binding value must be a JSON object with \"httpBaseUrl\" (or \"baseUrl\").");
        }

        var baseUrl = Text(binding, "httpBaseUrl") ?? Text(binding, "baseUrl")
            ?? throw new FormatException("The durableClient binding value has no \"httpBaseUrl\" (or \"baseUrl\") string.");
        if (!Uri.TryCreate(baseUrl.TrimEnd('/'), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new FormatException($"The durableClient binding's base URL '{baseUrl}' is not an absolute http or https URL.");
        }

        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            throw new FormatException("The durableClient binding's base URL must not carry a query or fragment; the query belongs in \"requiredQueryStringParameters\".");
        }

        var rpcBaseUrl = Text(binding, "rpcBaseUrl");
        Uri? rpc = null;
        if (rpcBaseUrl is not null && (!Uri.TryCreate(rpcBaseUrl, UriKind.Absolute, out rpc) || (rpc.Scheme != Uri.UriSchemeHttp && rpc.Scheme != Uri.UriSchemeHttps)))
        {
            throw new FormatException($"The durableClient binding's rpcBaseUrl '{rpcBaseUrl}' is not an absolute http or https URL.");
        }

        return new DurableClientBinding
        {
            RpcBaseUrl = rpc,
            TaskHubName = Text(binding, "taskHubName"),
            ConnectionName = Text(binding, "connectionName"),
            HttpBaseUrl = uri,
            RequiredQueryStringParameters = (Text(binding, "requiredQueryStringParameters") ?? string.Empty).TrimStart('?'),
        };
    }

    /// <summary>The absolute URL of <paramref name="relativePath"/> below <see cref="HttpBaseUrl"/>, with <paramref name="query"/> and the required parameters.</summary>
    public Uri Endpoint(string relativePath, string? query = null)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        var parts = new[] { query, RequiredQueryStringParameters }.Where(p => !string.IsNullOrEmpty(p));
        var joined = string.Join('&', parts);
        var path = HttpBaseUrl.AbsoluteUri.TrimEnd('/') + "/" + relativePath.TrimStart('/');
        return new Uri(joined.Length == 0 ? path : path + "?" + joined, UriKind.Absolute);
    }

    /// <inheritdoc />
    public override string ToString() => $"durableClient binding for task hub '{TaskHubName}' at {HttpBaseUrl.GetLeftPart(UriPartial.Path)}";

    private static string? Text(JsonObject node, string name)
    {
        foreach (var (key, value) in node)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value is JsonValue text && text.GetValueKind() == JsonValueKind.String ? text.GetValue<string>() : null;
            }
        }

        return null;
    }
}
