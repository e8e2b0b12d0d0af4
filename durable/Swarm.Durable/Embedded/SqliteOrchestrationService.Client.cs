using System.Globalization;
using System.Text;
using DurableTask.Core;
using DurableTask.Core.History;
using DurableTask.Core.Query;
using Microsoft.Data.Sqlite;

namespace Swarm.Durable.Embedded;


/// <summary>The client side: starting, messaging, waiting for, querying and purging instances.</summary>
public sealed partial class SqliteOrchestrationService
{
    /// <inheritdoc />
    public Task CreateTaskOrchestrationAsync(TaskMessage creationMessage) => CreateTaskOrchestrationAsync(creationMessage, null);

    /// <inheritdoc />
    public async Task CreateTaskOrchestrationAsync(TaskMessage creationMessage, OrchestrationStatus[]? dedupeStatuses)
    {
        ArgumentNullException.ThrowIfNull(creationMessage);
        if (creationMessage.Event is not ExecutionStartedEvent start)
        {
            throw new ArgumentException("A creation message carries an ExecutionStartedEvent.", nameof(creationMessage));
        }

        var serialized = TaskHubJson.Serialize(creationMessage);
        await Writer.WriteAsync(w =>
        {
            UpsertStart(w, start, serialized, dedupeStatuses);
            return 0;
        }).ConfigureAwait(false);
        if (Utc(start.ScheduledStartTime) is { } due && due > DateTime.UtcNow)
        {
            _orchestrationWake.SetAt(due);
        }

        _orchestrationWake.Set();
    }

    /// <inheritdoc />
    public Task SendTaskOrchestrationMessageAsync(TaskMessage message) => SendTaskOrchestrationMessageBatchAsync(message);

    /// <inheritdoc />
    public async Task SendTaskOrchestrationMessageBatchAsync(params TaskMessage[] messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var serialized = messages.Select(m => (Message: m, Json: TaskHubJson.Serialize(m))).ToList();
        var delivered = await Writer.WriteAsync(w =>
        {
            var queued = new List<(string Target, long Id, TaskMessage Message)>();
            foreach (var (message, json) in serialized)
            {
                var target = message.OrchestrationInstance.InstanceId;
                if (message.Event is ExecutionStartedEvent start)
                {
                    UpsertStart(w, start, json, dedupeStatuses: null);
                    queued.Add((target, 0, message));
                }
                else if (EnqueueOrchestrationMessage(w, target, DateTime.UtcNow, json, startsInstance: false) is var id and > 0)
                {
                    queued.Add((target, id, message));
                }
            }

            return queued;
        }).ConfigureAwait(false);
        foreach (var (target, id, message) in delivered)
        {
            if (id == 0)
            {
                WakeInstance(target);
            }
            else
            {
                Deliver(target, id, message);
            }
        }
    }

    /// <inheritdoc />
    public Task ForceTerminateTaskOrchestrationAsync(string instanceId, string reason) =>
        SendTaskOrchestrationMessageAsync(new TaskMessage
        {
            OrchestrationInstance = new OrchestrationInstance { InstanceId = instanceId },
            Event = new ExecutionTerminatedEvent(-1, reason),
        });

    /// <inheritdoc />
    public Task<IList<OrchestrationState>> GetOrchestrationStateAsync(string instanceId, bool allExecutions)
    {
        var state = ReadState(instanceId, includePayloads: true);
        return Task.FromResult<IList<OrchestrationState>>(state is null ? [] : [state]);
    }

    /// <inheritdoc />
    public Task<OrchestrationState> GetOrchestrationStateAsync(string instanceId, string? executionId)
    {
        var state = ReadState(instanceId, includePayloads: true);
        if (state is not null && !string.IsNullOrEmpty(executionId)
            && !string.Equals(state.OrchestrationInstance.ExecutionId, executionId, StringComparison.Ordinal))
        {
            state = null;
        }

        return Task.FromResult(state!);
    }

    /// <inheritdoc />
    public Task<string> GetOrchestrationHistoryAsync(string instanceId, string? executionId)
    {
        var events = ReadHistory(instanceId);
        return Task.FromResult(TaskHubJson.Serialize(events));
    }

    /// <inheritdoc />
    public async Task<OrchestrationState> WaitForOrchestrationAsync(string instanceId, string? executionId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = timeout <= TimeSpan.Zero || timeout == Timeout.InfiniteTimeSpan ? DateTime.MaxValue : DateTime.UtcNow + timeout;
        while (true)
        {
            // Taken before the read: a finish committed after the read still wakes this waiter.
            var wake = _finishWaiters.GetOrAdd(instanceId, _ => new WakeSignal()).Next;
            // The execution id is not matched: after ContinueAsNew the waiter wants the instance's final outcome, as with Azure Storage.
            var state = ReadState(instanceId, includePayloads: true);
            if (state is not null && IsTerminal(state.OrchestrationStatus))
            {
                return state;
            }

            var now = DateTime.UtcNow;
            if (now >= deadline)
            {
                return null!;
            }

            var remaining = deadline == DateTime.MaxValue ? _options.MaxPollInterval : deadline - now;
            await WakeSignal.WaitAsync(wake, Min(remaining, _options.MaxPollInterval), cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <inheritdoc />
    public Task<OrchestrationQueryResult> GetOrchestrationWithQueryAsync(DurableTask.Core.Query.OrchestrationQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var pageSize = query.PageSize > 0 ? query.PageSize : 100;
        using var connection = OpenReader();
        using var cmd = connection.CreateCommand();
        var sql = new StringBuilder(query.FetchInputsAndOutputs
            ? "SELECT instance_id, state, input, output FROM instances WHERE 1 = 1"
            : "SELECT instance_id, state, NULL, NULL FROM instances WHERE 1 = 1");
        AppendFilters(sql, cmd, query.CreatedTimeFrom, query.CreatedTimeTo, query.RuntimeStatus);
        if (!string.IsNullOrEmpty(query.InstanceIdPrefix))
        {
            sql.Append(" AND substr(instance_id, 1, $prefixLength) = $prefix");
            cmd.Parameters.AddWithValue("$prefix", query.InstanceIdPrefix);
            cmd.Parameters.AddWithValue("$prefixLength", query.InstanceIdPrefix.Length);
        }

        if (!string.IsNullOrEmpty(query.ContinuationToken))
        {
            // The token is the last instance id of the previous page: paging by key stays right while instances come and go.
            sql.Append(" AND instance_id > $after");
            cmd.Parameters.AddWithValue("$after", Encoding.UTF8.GetString(Convert.FromBase64String(query.ContinuationToken)));
        }

        sql.Append(" ORDER BY instance_id LIMIT $take");
        cmd.Parameters.AddWithValue("$take", pageSize + 1);
        cmd.CommandText = sql.ToString();
        var page = new List<OrchestrationState>();
        string? last = null;
        var more = false;
        using (var reader = cmd.ExecuteReader())
        {
            while (reader.Read())
            {
                if (page.Count == pageSize)
                {
                    more = true;
                    break;
                }

                last = reader.GetString(0);
                page.Add(ToState(reader));
            }
        }

        var token = more ? Convert.ToBase64String(Encoding.UTF8.GetBytes(last!)) : null;
        return Task.FromResult(new OrchestrationQueryResult(page, token));
    }

    /// <inheritdoc />
    public async Task<DurableTask.Core.PurgeResult> PurgeInstanceStateAsync(string instanceId)
    {
        var deleted = await Writer.WriteAsync(w => DeleteInstance(w, instanceId)).ConfigureAwait(false);
        return new DurableTask.Core.PurgeResult(deleted);
    }

    /// <inheritdoc />
    public async Task<DurableTask.Core.PurgeResult> PurgeInstanceStateAsync(PurgeInstanceFilter purgeInstanceFilter)
    {
        ArgumentNullException.ThrowIfNull(purgeInstanceFilter);
        // As the Azure Storage provider does, only finished instances are purged by filter.
        var statuses = (purgeInstanceFilter.RuntimeStatus ?? [OrchestrationStatus.Completed, OrchestrationStatus.Failed,
            OrchestrationStatus.Terminated, OrchestrationStatus.Canceled]).Where(IsTerminal).ToList();
        if (statuses.Count == 0)
        {
            return new DurableTask.Core.PurgeResult(0);
        }

        var ids = ReadIds(cmd => AppendFilters(cmd.Sql, cmd.Command, purgeInstanceFilter.CreatedTimeFrom, purgeInstanceFilter.CreatedTimeTo, statuses));
        var deleted = await Writer.WriteAsync(w => ids.Sum(id => DeleteInstance(w, id))).ConfigureAwait(false);
        return new DurableTask.Core.PurgeResult(deleted);
    }

    /// <inheritdoc />
    public async Task PurgeOrchestrationHistoryAsync(DateTime thresholdDateTimeUtc, OrchestrationStateTimeRangeFilterType timeRangeFilterType)
    {
        var column = timeRangeFilterType switch
        {
            OrchestrationStateTimeRangeFilterType.OrchestrationCompletedTimeFilter => "completed",
            OrchestrationStateTimeRangeFilterType.OrchestrationLastUpdatedTimeFilter => "updated",
            _ => "created",
        };
        var threshold = (Utc(thresholdDateTimeUtc) ?? DateTime.MinValue).Ticks;
        var ids = ReadIds(cmd =>
        {
            cmd.Sql.Append(CultureInfo.InvariantCulture, $" AND {column} < $threshold AND status IN (1, 3, 4, 5)");
            cmd.Command.Parameters.AddWithValue("$threshold", threshold);
        });
        await Writer.WriteAsync(w => ids.Sum(id => DeleteInstance(w, id))).ConfigureAwait(false);
    }

    private static int DeleteInstance(TaskHubWriter w, string instanceId)
    {
        ClearExecution(w, instanceId);

        var instance = w.Command("DELETE FROM instances WHERE instance_id = $id");
        instance.Parameters.AddWithValue("$id", instanceId);
        return instance.ExecuteNonQuery();
    }

    private List<string> ReadIds(Action<(StringBuilder Sql, SqliteCommand Command)> filter)
    {
        using var connection = OpenReader();
        using var cmd = connection.CreateCommand();
        var sql = new StringBuilder("SELECT instance_id FROM instances WHERE 1 = 1");
        filter((sql, cmd));
        cmd.CommandText = sql.ToString();
        var ids = new List<string>();
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private static void AppendFilters(StringBuilder sql, SqliteCommand cmd, DateTime? createdFrom, DateTime? createdTo, IEnumerable<OrchestrationStatus>? statuses)
    {
        if (Utc(createdFrom) is { } from && from > DateTime.MinValue)
        {
            sql.Append(" AND created >= $from");
            cmd.Parameters.AddWithValue("$from", from.Ticks);
        }

        if (Utc(createdTo) is { } to && to < DateTime.MaxValue)
        {
            sql.Append(" AND created <= $to");
            cmd.Parameters.AddWithValue("$to", to.Ticks);
        }

        var list = statuses?.Distinct().ToList();
        if (list is { Count: > 0 })
        {
            sql.Append(" AND status IN (").AppendJoin(", ", list.Select(s => ((int)s).ToString(CultureInfo.InvariantCulture))).Append(')');
        }
    }

    private OrchestrationState? ReadState(string instanceId, bool includePayloads)
    {
        using var connection = OpenReader();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = includePayloads
            ? "SELECT instance_id, state, input, output FROM instances WHERE instance_id = $id"
            : "SELECT instance_id, state, NULL, NULL FROM instances WHERE instance_id = $id";
        cmd.Parameters.AddWithValue("$id", instanceId);
        using var reader = cmd.ExecuteReader();
        return reader.Read() ? ToState(reader) : null;
    }

    private static OrchestrationState ToState(SqliteDataReader reader)
    {
        var state = StoredInstanceState.Deserialize(reader.GetString(1));
        state.Input = reader.IsDBNull(2) ? null : reader.GetString(2);
        state.Output = reader.IsDBNull(3) ? null : reader.GetString(3);
        return state;
    }
}
