using Azure.Core;

namespace Swarm.Storage.Blobs;

/// <summary>Options for the Blob clients: retry, transport, diagnostics.</summary>
public sealed class BlobClientOptions : ClientOptions
{
    /// <summary>The Blob REST API version sent as <c>x-ms-version</c>.</summary>
    public const string ServiceVersion = "2023-11-03";
}
