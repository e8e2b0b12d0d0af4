using System.Text.Json;
using DurableTask.Core;

namespace Swarm.Durable.Embedded;

/// <summary>
/// The instance row's <c>state</c> column: an <see cref="OrchestrationState"/> without input and output, which live in
/// their own columns so status reads and queries that do not ask for them never load large payloads.
/// </summary>
/// <remarks>A record of its own so the stored form does not change with DurableTask.Core's type names.</remarks>
internal sealed record StoredInstanceState
{
    private static readonly JsonSerializerOptions Options = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public string InstanceId { get; init; } = string.Empty;

    public string? ExecutionId { get; init; }

    public string? Name { get; init; }

    public string? Version { get; init; }

    public OrchestrationStatus Status { get; init; }

    public string? CustomStatus { get; init; }

    public DateTime Created { get; init; }

    public DateTime LastUpdated { get; init; }

    public DateTime Completed { get; init; }

    public DateTime? ScheduledStart { get; init; }

    public IDictionary<string, string>? Tags { get; init; }

    public int? Generation { get; init; }

    public long Size { get; init; }

    /// <summary>The failure, in DurableTask.Core's own JSON form (as history events carry it).</summary>
    public string? Failure { get; init; }

    public string? ParentName { get; init; }

    public string? ParentVersion { get; init; }

    public string? ParentInstanceId { get; init; }

    public string? ParentExecutionId { get; init; }

    public int ParentTaskScheduleId { get; init; }

    public static string Serialize(OrchestrationState state) => JsonSerializer.Serialize(From(state), Options);

    public static OrchestrationState Deserialize(string json) =>
        (JsonSerializer.Deserialize<StoredInstanceState>(json, Options) ?? throw new InvalidDataException("An instance row has no state.")).ToState();

    private static StoredInstanceState From(OrchestrationState state) => new()
    {
        InstanceId = state.OrchestrationInstance?.InstanceId ?? string.Empty,
        ExecutionId = state.OrchestrationInstance?.ExecutionId,
        Name = state.Name,
        Version = state.Version,
        Status = state.OrchestrationStatus,
        CustomStatus = state.Status,
        Created = state.CreatedTime,
        LastUpdated = state.LastUpdatedTime,
        Completed = state.CompletedTime,
        ScheduledStart = state.ScheduledStartTime,
        Tags = state.Tags,
        Generation = state.Generation,
        Size = state.Size,
        Failure = state.FailureDetails is null ? null : TaskHubJson.Serialize(state.FailureDetails),
        ParentName = state.ParentInstance?.Name,
        ParentVersion = state.ParentInstance?.Version,
        ParentInstanceId = state.ParentInstance?.OrchestrationInstance?.InstanceId,
        ParentExecutionId = state.ParentInstance?.OrchestrationInstance?.ExecutionId,
        ParentTaskScheduleId = state.ParentInstance?.TaskScheduleId ?? 0,
    };

    private OrchestrationState ToState() => new()
    {
        OrchestrationInstance = new OrchestrationInstance { InstanceId = InstanceId, ExecutionId = ExecutionId },
        Name = Name,
        Version = Version,
        OrchestrationStatus = Status,
        Status = CustomStatus,
        CreatedTime = DateTime.SpecifyKind(Created, DateTimeKind.Utc),
        LastUpdatedTime = DateTime.SpecifyKind(LastUpdated, DateTimeKind.Utc),
        CompletedTime = DateTime.SpecifyKind(Completed, DateTimeKind.Utc),
        ScheduledStartTime = ScheduledStart,
        Tags = Tags,
        Generation = Generation,
        Size = Size,
        FailureDetails = Failure is null ? null : TaskHubJson.Deserialize<FailureDetails>(Failure),
        ParentInstance = ParentInstanceId is null ? null : new ParentInstance
        {
            Name = ParentName,
            Version = ParentVersion,
            OrchestrationInstance = new OrchestrationInstance { InstanceId = ParentInstanceId, ExecutionId = ParentExecutionId },
            TaskScheduleId = ParentTaskScheduleId,
        },
    };
}
