namespace Swarm.Storage.Durable;

/// <summary>Where and how the Azure Storage durable backend lays out its task hub.</summary>
public sealed class AzureStorageDurableBackendOptions
{
    /// <summary>The task hub name: 3-45 letters and digits, starting with a letter. Resource names derive from it.</summary>
    public string TaskHubName { get; set; } = "SwarmHub";

    /// <summary>How many control queues orchestration messages are spread over (by instance-id hash). Default 4.</summary>
    public int PartitionCount { get; set; } = 4;

    /// <summary>
    /// Queue message bodies larger than this (bytes of UTF-8 JSON) go to the payload container and the message carries
    /// a reference. Default 45 KiB, which stays under the 64 KiB queue limit once base64-encoded.
    /// </summary>
    public int MaxQueuePayloadBytes { get; set; } = 45 * 1024;

    /// <summary>
    /// Table string properties longer than this (characters) go to the payload container and the row carries a
    /// reference. Default 30,000: the service caps a string property at 64 KiB of UTF-16, i.e. 32,768 characters.
    /// </summary>
    public int MaxTablePropertyChars { get; set; } = 30_000;

    /// <summary>How long messages for an instance that is locked elsewhere (or not started yet) wait before they are offered again. Default 1 s.</summary>
    public TimeSpan BusyInstanceRetryDelay { get; set; } = TimeSpan.FromSeconds(1);
}
