using Azure.Data.Tables;
using Azure.Storage.Blobs;
using DurableTask.AzureStorage;

namespace Swarm.Durable.TaskHub;

/// <summary>
/// A task hub on Azure Storage in DurableTask.AzureStorage's format — the one the Durable Functions extension writes,
/// so a hub the deployed app runs is one <c>swarm --store azure</c> can read and submit into.
/// </summary>
/// <remarks>
/// Swarm's first version kept its own durable format under the same table and queue names (<c>&lt;hub&gt;Instances</c>,
/// <c>&lt;hub&gt;History</c>, <c>&lt;hub&gt;-control-NN</c>). Opening such a hub with the official provider would read rows
/// it never wrote, so <see cref="OpenAsync"/> refuses a hub whose tables exist without the provider's partition records.
/// </remarks>
public static class AzureStorageTaskHub
{
    /// <summary>Opens task hub <paramref name="taskHub"/> on the account of <paramref name="connectionString"/>.</summary>
    /// <exception cref="FormatException">The connection string is malformed.</exception>
    /// <exception cref="InvalidOperationException">The account holds tables of that name in another format.</exception>
    public static async Task<AzureStorageOrchestrationService> OpenAsync(string connectionString, string taskHub, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentException.ThrowIfNullOrWhiteSpace(taskHub);
        var settings = new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = taskHub,
            StorageAccountClientProvider = new StorageAccountClientProvider(connectionString),
            ExtendedSessionsEnabled = true,
            // The provider backs off to 30 s between polls of an idle queue; a sweep's next step would wait that long.
            MaxQueuePollingInterval = TimeSpan.FromSeconds(1),
        };
        await EnsureOfficialFormatAsync(connectionString, taskHub, cancellationToken).ConfigureAwait(false);
        return new AzureStorageOrchestrationService(settings);
    }

    private static async Task EnsureOfficialFormatAsync(string connectionString, string taskHub, CancellationToken cancellationToken)
    {
        var tables = new TableServiceClient(connectionString);
        if (!await TableExistsAsync(tables, taskHub + "Instances", cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        // The provider records partition ownership in a <hub>Partitions table, or (older setting) in taskhub.json
        // of the <hub>-leases container; a hub with neither was not written by it.
        if (await TableExistsAsync(tables, taskHub + "Partitions", cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var leases = new BlobServiceClient(connectionString).GetBlobContainerClient(taskHub.ToLowerInvariant() + "-leases");
        if (await leases.GetBlobClient("taskhub.json").ExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        throw new InvalidOperationException(
            $"Task hub '{taskHub}' on this account holds tables ({taskHub}Instances, {taskHub}History) in a format DurableTask.AzureStorage did not write (Swarm's first version); choose another task hub name, or delete those tables and the {taskHub.ToLowerInvariant()}-* queues and containers.");
    }

    private static async Task<bool> TableExistsAsync(TableServiceClient tables, string name, CancellationToken cancellationToken)
    {
        await foreach (var _ in tables.QueryAsync(t => t.Name == name, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        return false;
    }
}
