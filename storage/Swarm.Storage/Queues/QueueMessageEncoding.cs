namespace Swarm.Storage.Queues;

/// <summary>How message bodies are written to and read from the queue's XML text.</summary>
public enum QueueMessageEncoding
{
    /// <summary>The body is the message text as is (must be valid XML text).</summary>
    None,

    /// <summary>The body is base64-encoded: what the Azure Functions queue trigger expects by default.</summary>
    Base64,
}
