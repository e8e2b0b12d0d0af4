using System.Globalization;
using Azure;
using Swarm.Durable;
using Swarm.Durable.Backend;
using Swarm.Durable.Execution;
using Swarm.Durable.History;
using Swarm.Storage.Tables;

namespace Swarm.Storage.Durable;

public sealed partial class AzureStorageDurableBackend
{
    private const int MaxRowRaceRetries = 5;

    /// <inheritdoc />
    public async Task CreateInstanceAsync(ExecutionStartedEvent start, bool replaceFinished, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(start);
        var instanceId = start.OrchestrationInstance.InstanceId;
        for (var attempt = 0; ; attempt++)
        {
            var (existing, etag) = await ReadRowAsync(instanceId, cancellationToken).ConfigureAwait(false);
            if (existing is not null)
            {
                var status = InstanceRow.StatusOf(existing);
                if (!status.IsTerminal() || !replaceFinished)
                {
                    throw new OrchestrationAlreadyExistsException(status.IsTerminal()
                        ? $"An orchestration instance with id '{instanceId}' already exists ({status}) and replacing finished instances is disabled."
                        : $"An orchestration instance with id '{instanceId}' is already {status}; use another id or wait for it to finish.");
                }
            }

            if (await TryCreateOrReplaceAsync(start, existing is null ? null : etag, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            if (attempt >= MaxRowRaceRetries)
            {
                throw new OrchestrationAlreadyExistsException($"An orchestration instance with id '{instanceId}' is being created concurrently.");
            }
        }
    }

    /// <summary>Writes a Pending row for <paramref name="start"/> (insert, or replace at <paramref name="replacing"/>) and queues the start message.</summary>
    private async Task<bool> TryCreateOrReplaceAsync(ExecutionStartedEvent start, ETag? replacing, CancellationToken cancellationToken)
    {
        var instanceId = start.OrchestrationInstance.InstanceId;
        var executionId = start.OrchestrationInstance.ExecutionId ?? Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);
        start = start with { OrchestrationInstance = start.OrchestrationInstance with { ExecutionId = executionId } };
        var now = UtcNow;
        var row = new TableEntity(instanceId, string.Empty)
        {
            [InstanceRow.Name] = start.Name,
            [InstanceRow.NameKey] = start.Name.ToLowerInvariant(),
            [InstanceRow.Version] = start.Version,
            [InstanceRow.ExecutionId] = executionId,
            [InstanceRow.Status] = OrchestrationStatus.Pending.ToString(),
            [InstanceRow.ParentInstanceId] = start.ParentInstance?.OrchestrationInstance.InstanceId,
            [InstanceRow.CreatedAt] = new DateTimeOffset(now),
            [InstanceRow.LastUpdatedAt] = new DateTimeOffset(now),
            [InstanceRow.ScheduledStartAt] = start.ScheduledStartTimestamp is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null,
            [InstanceRow.HistoryCount] = 0,
            [InstanceRow.DispatchCount] = 0,
        };
        await SetLargeAsync(row, InstanceRow.Input, start.Input, cancellationToken).ConfigureAwait(false);
        try
        {
            if (replacing is { } etag)
            {
                await _instances.UpdateEntityAsync(row, etag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _instances.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412 or 404)
        {
            return false;
        }

        await SendControlAsync(new TaskMessage(instanceId, executionId, start, start.ScheduledStartTimestamp), cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc />
    public async Task SendMessageAsync(TaskMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        for (var attempt = 0; ; attempt++)
        {
            var (row, etag) = await ReadRowAsync(message.InstanceId, cancellationToken).ConfigureAwait(false);
            if (row is null)
            {
                throw new OrchestrationNotFoundException($"No orchestration instance has id '{message.InstanceId}'.");
            }

            var status = InstanceRow.StatusOf(row);
            if (status.IsTerminal())
            {
                return;
            }

            if (status != OrchestrationStatus.Pending || message.Event is not ExecutionTerminatedEvent terminated)
            {
                await SendControlAsync(message, cancellationToken).ConfigureAwait(false);
                return;
            }

            // It never started, so there is no episode to run: terminate it in place; its start message is dropped on delivery.
            var now = new DateTimeOffset(UtcNow);
            row[InstanceRow.Status] = OrchestrationStatus.Terminated.ToString();
            await SetLargeAsync(row, InstanceRow.Output, terminated.Input, cancellationToken).ConfigureAwait(false);
            row[InstanceRow.LastUpdatedAt] = now;
            row[InstanceRow.CompletedAt] = now;
            InstanceRow.ClearLock(row);
            if (await TryReplaceRowAsync(row, etag, cancellationToken).ConfigureAwait(false) is not null || attempt >= MaxRowRaceRetries)
            {
                return;
            }
        }
    }

    /// <inheritdoc />
    public async Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        var (row, _) = await ReadRowAsync(instanceId, cancellationToken).ConfigureAwait(false);
        return row is null ? null : await MetadataAsync(row, includePayloads, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        var (row, _) = await ReadRowAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return [];
        }

        return await ReadHistoryAsync(instanceId, row.GetString(InstanceRow.ExecutionId) ?? string.Empty, InstanceRow.Int(row, InstanceRow.HistoryCount), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The first <paramref name="count"/> committed events of an execution; rows beyond it belong to an episode that never committed.</summary>
    private async Task<IReadOnlyList<HistoryEvent>> ReadHistoryAsync(string instanceId, string executionId, int count, CancellationToken cancellationToken)
    {
        var events = new List<HistoryEvent>(count);
        if (count == 0)
        {
            return events;
        }

        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {instanceId} and RowKey ge {TaskHubLayout.HistoryRowKey(executionId, 0)} and RowKey lt {TaskHubLayout.HistoryRowKey(executionId, count)}");
        await foreach (var row in _history.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var json = row.GetString("EventBlob") is { } blob
                ? await _payloads.DownloadAsync(blob, cancellationToken).ConfigureAwait(false)
                : row.GetString("Event") ?? string.Empty;
            events.Add(HistoryJson.Deserialize(json, instanceId));
        }

        if (events.Count != count)
        {
            throw new HistoryCorruptedException($"Instance '{instanceId}' should have {count} history events but {events.Count} are stored.");
        }

        return events;
    }

    /// <inheritdoc />
    public async Task<OrchestrationQueryPage> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.PageSize is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.PageSize, "PageSize must be between 1 and 1000.");
        }

        var filter = Filter(query.Statuses, query.Name, query.CreatedFrom, query.CreatedTo, query.InstanceIdPrefix);
        var instances = new List<OrchestrationMetadata>();
        var token = query.ContinuationToken;
        do
        {
            // The service may answer a filtered page with fewer rows than asked plus a token; keep reading until the page is full.
            await foreach (var page in _instances.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken)
                               .AsPages(token, query.PageSize - instances.Count).ConfigureAwait(false))
            {
                foreach (var row in page.Values)
                {
                    instances.Add(await MetadataAsync(row, query.FetchInputsAndOutputs, cancellationToken).ConfigureAwait(false));
                }

                token = page.ContinuationToken;
                break;
            }
        }
        while (token is not null && instances.Count < query.PageSize);

        return new OrchestrationQueryPage(instances, token);
    }

    private static string Filter(IReadOnlyCollection<OrchestrationStatus>? statuses, string? name, DateTime? from, DateTime? to, string? prefix)
    {
        var parts = new List<string> { "RowKey eq ''" };
        if (statuses is { Count: > 0 })
        {
            parts.Add("(" + string.Join(" or ", statuses.Select(s => TableClient.CreateQueryFilter($"Status eq {s.ToString()}"))) + ")");
        }

        if (name is not null)
        {
            parts.Add(TableClient.CreateQueryFilter($"NameKey eq {name.ToLowerInvariant()}"));
        }

        if (from is { } f)
        {
            parts.Add(TableClient.CreateQueryFilter($"CreatedAt ge {new DateTimeOffset(DateTime.SpecifyKind(f, DateTimeKind.Utc))}"));
        }

        if (to is { } t)
        {
            parts.Add(TableClient.CreateQueryFilter($"CreatedAt le {new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc))}"));
        }

        if (!string.IsNullOrEmpty(prefix))
        {
            var upper = prefix[..^1] + (char)(prefix[^1] + 1);
            parts.Add(TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey lt {upper}"));
        }

        return string.Join(" and ", parts);
    }

    /// <inheritdoc />
    public async Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        var (row, etag) = await ReadRowAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (row is null || !InstanceRow.StatusOf(row).IsTerminal())
        {
            return false;
        }

        var rows = new List<TableEntity>();
        await foreach (var history in _history.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {instanceId}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(history);
        }

        foreach (var chunk in rows.Chunk(100))
        {
            await _history.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All)), cancellationToken).ConfigureAwait(false);
        }

        await _payloads.DeleteInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        try
        {
            await _instances.DeleteEntityAsync(instanceId, string.Empty, etag, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Replaced or purged concurrently: this call did not delete it.
            return false;
        }
    }

    /// <inheritdoc />
    public async Task<int> PurgeInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var terminal = Enum.GetValues<OrchestrationStatus>().Where(s => s.IsTerminal());
        var statuses = (filter.Statuses ?? terminal.ToArray()).Where(s => s.IsTerminal()).ToArray();
        if (statuses.Length == 0)
        {
            return 0;
        }

        var ids = new List<string>();
        await foreach (var row in _instances.QueryAsync<TableEntity>(Filter(statuses, null, filter.CreatedFrom, filter.CreatedTo, null), select: ["PartitionKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            ids.Add(row.PartitionKey);
        }

        var purged = 0;
        foreach (var id in ids)
        {
            if (await PurgeInstanceAsync(id, cancellationToken).ConfigureAwait(false))
            {
                purged++;
            }
        }

        return purged;
    }
}
