using System.Text.Json.Serialization;
using Swarm.Functions.Hosting;

namespace Swarm.Functions.Http;

/// <summary>The Durable Functions management URLs of one instance, as the 202 answers and <c>CreateCheckStatusResponse</c> give them.</summary>
public sealed record ManagementUrls(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("statusQueryGetUri")] string StatusQueryGetUri,
    [property: JsonPropertyName("sendEventPostUri")] string SendEventPostUri,
    [property: JsonPropertyName("terminatePostUri")] string TerminatePostUri,
    [property: JsonPropertyName("suspendPostUri")] string SuspendPostUri,
    [property: JsonPropertyName("resumePostUri")] string ResumePostUri,
    [property: JsonPropertyName("purgeHistoryDeleteUri")] string PurgeHistoryDeleteUri)
{
    /// <summary>The path of the management endpoints, below the host's root.</summary>
    public const string InstancesPath = "runtime/webhooks/durabletask/instances";

    /// <summary>The header that carries an instance query's continuation token, in the request and in the answer.</summary>
    public const string ContinuationTokenHeader = "x-ms-continuation-token";

    /// <summary>
    /// The URLs of <paramref name="instanceId"/> for answers to <paramref name="request"/>: on <see cref="BaseUrl"/>, below
    /// the Functions host's route prefix when the host forwarded the request (<see cref="FunctionsHostRequestFeature"/>).
    /// </summary>
    public static ManagementUrls For(HttpRequest request, IConfiguration configuration, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(request);
        var prefix = request.HttpContext.Features.Get<FunctionsHostRequestFeature>()?.RoutePrefix ?? string.Empty;
        return For(BaseUrl(request, configuration) + prefix, instanceId);
    }

    /// <summary>The URLs of <paramref name="instanceId"/> below <paramref name="baseUrl"/> (scheme, host, port and any path prefix; no trailing slash); the id is escaped.</summary>
    public static ManagementUrls For(string baseUrl, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentNullException.ThrowIfNull(instanceId);
        var instance = $"{baseUrl.TrimEnd('/')}/{InstancesPath}/{Uri.EscapeDataString(instanceId)}";
        return new ManagementUrls(
            instanceId,
            instance,
            instance + "/raiseEvent/{eventName}",
            instance + "/terminate?reason={text}",
            instance + "/suspend?reason={text}",
            instance + "/resume?reason={text}",
            instance);
    }

    /// <summary>The base URL of <paramref name="request"/>: <c>SERVICE_API_URI</c> when configured (the public name behind a host), else the request's own.</summary>
    public static string BaseUrl(HttpRequest request, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration[AuthSettings.PublicBaseUrl] is { Length: > 0 } configured
            ? configured.TrimEnd('/')
            : $"{request.Scheme}://{request.Host}{request.PathBase}";
    }
}
