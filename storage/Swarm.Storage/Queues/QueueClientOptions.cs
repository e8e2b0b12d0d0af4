using Azure.Core;

namespace Swarm.Storage.Queues;

/// <summary>Options for the Queue clients: message encoding, retry, transport, diagnostics.</summary>
public sealed class QueueClientOptions : ClientOptions
{
    /// <summary>The Queue REST API version sent as <c>x-ms-version</c>.</summary>
    public const string ServiceVersion = "2023-11-03";

    /// <summary>How bodies are encoded; <see cref="QueueMessageEncoding.Base64"/> to interoperate with Functions queue triggers.</summary>
    public QueueMessageEncoding MessageEncoding { get; set; } = QueueMessageEncoding.None;
}
