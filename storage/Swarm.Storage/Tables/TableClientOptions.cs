using Azure.Core;

namespace Swarm.Storage.Tables;

/// <summary>Options for <see cref="TableServiceClient"/> and <see cref="TableClient"/>: retry, transport, diagnostics.</summary>
public sealed class TableClientOptions : ClientOptions
{
    /// <summary>The Table REST API version sent as <c>x-ms-version</c>.</summary>
    public const string ServiceVersion = "2019-02-02";
}
