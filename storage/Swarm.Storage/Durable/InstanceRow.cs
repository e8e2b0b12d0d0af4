using Swarm.Durable.History;
using Swarm.Storage.Tables;

namespace Swarm.Storage.Durable;

/// <summary>Column names and typed access for a row of the Instances table (partition key = instance id, row key empty).</summary>
internal static class InstanceRow
{
    public const string Name = "Name";
    public const string NameKey = "NameKey";
    public const string Version = "Version";
    public const string ExecutionId = "ExecutionId";
    public const string Status = "Status";
    public const string Input = "Input";
    public const string Output = "Output";
    public const string CustomStatus = "CustomStatus";
    public const string Failure = "Failure";
    public const string ParentInstanceId = "ParentInstanceId";
    public const string CreatedAt = "CreatedAt";
    public const string LastUpdatedAt = "LastUpdatedAt";
    public const string CompletedAt = "CompletedAt";
    public const string ScheduledStartAt = "ScheduledStartAt";
    public const string HistoryCount = "HistoryCount";
    public const string LockToken = "LockToken";
    public const string LockedUntil = "LockedUntil";
    public const string DispatchCount = "DispatchCount";
    public const string LastError = "LastError";
    public const string Consumed = "Consumed";

    /// <summary>How many consumed queue message ids a row remembers, to drop redeliveries of messages already applied.</summary>
    public const int ConsumedMemory = 64;

    public static OrchestrationStatus StatusOf(TableEntity row) =>
        Enum.TryParse<OrchestrationStatus>(row.GetString(Status), out var status) ? status : OrchestrationStatus.Pending;

    public static int Int(TableEntity row, string column) => row.GetInt32(column) ?? 0;

    public static DateTime? Time(TableEntity row, string column) => row.GetDateTimeOffset(column)?.UtcDateTime;

    public static bool IsLocked(TableEntity row, DateTime now) =>
        row.GetString(LockToken) is not null && Time(row, LockedUntil) is { } until && until > now;

    public static HashSet<string> ConsumedIds(TableEntity row) =>
        new((row.GetString(Consumed) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);

    public static void RememberConsumed(TableEntity row, IEnumerable<string> messageIds)
    {
        var ids = (row.GetString(Consumed) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries).Concat(messageIds).ToList();
        row[Consumed] = ids.Count == 0 ? null : string.Join(',', ids.Skip(Math.Max(0, ids.Count - ConsumedMemory)));
    }

    public static void ClearLock(TableEntity row)
    {
        row[LockToken] = null;
        row[LockedUntil] = null;
    }
}
