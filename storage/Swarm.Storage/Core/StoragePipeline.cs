using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Swarm.Storage.Authentication;

namespace Swarm.Storage.Core;

/// <summary>Builds the Azure.Core pipelines the storage clients send through and sends on them.</summary>
internal static class StoragePipeline
{
    /// <summary>The OAuth scope of every storage service.</summary>
    public const string StorageScope = "https://storage.azure.com/.default";

    public static HttpPipeline ForSharedKey(ClientOptions options, AzureNamedKeyCredential credential, bool table)
    {
        ArgumentNullException.ThrowIfNull(credential);
        HttpPipelinePolicy policy = table
            ? new TableSharedKeyAuthenticationPolicy(credential)
            : new SharedKeyAuthenticationPolicy(credential);
        return Build(options, policy);
    }

    public static HttpPipeline ForToken(ClientOptions options, TokenCredential credential, Uri endpoint, string scope)
    {
        ArgumentNullException.ThrowIfNull(credential);
        if (!endpoint.Scheme.Equals(Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"Bearer-token authentication needs an https endpoint; '{endpoint}' is {endpoint.Scheme}.", nameof(endpoint));
        }

        return Build(options, new BearerTokenAuthenticationPolicy(credential, scope));
    }

    private static HttpPipeline Build(ClientOptions options, HttpPipelinePolicy authentication) =>
        HttpPipelineBuilder.Build(new HttpPipelineOptions(options)
        {
            // Signing reads the final headers, so authentication runs on every retry after the others.
            PerRetryPolicies = { authentication },
            RequestFailedDetailsParser = StorageErrorDetailsParser.Instance,
        });

    public static Uri ValidateEndpoint(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!endpoint.IsAbsoluteUri || endpoint.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"The endpoint '{endpoint}' must be an absolute http(s) URI.", nameof(endpoint));
        }

        return new Uri(endpoint.AbsoluteUri.TrimEnd('/'));
    }

    /// <summary>Sends <paramref name="message"/> and throws <see cref="RequestFailedException"/> with the service's error code on a 4xx/5xx.</summary>
    public static async ValueTask<Response> SendOrThrowAsync(this HttpPipeline pipeline, HttpMessage message, CancellationToken cancellationToken)
    {
        await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (response.IsError)
        {
            throw await FailureAsync(response, cancellationToken).ConfigureAwait(false);
        }

        return response;
    }

    public static async ValueTask<RequestFailedException> FailureAsync(Response response, CancellationToken cancellationToken)
    {
        // A streamed response has not been read yet; the error body must be buffered before parsing.
        if (response.ContentStream is { } stream && stream is not MemoryStream)
        {
            var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            buffer.Position = 0;
            response.ContentStream = buffer;
        }

        return new RequestFailedException(response, null, StorageErrorDetailsParser.Instance);
    }
}
