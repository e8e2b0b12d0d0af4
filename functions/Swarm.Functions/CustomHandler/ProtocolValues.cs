using Google.Protobuf.Collections;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;
using Swarm.Durable.History;
using P = Swarm.Functions.CustomHandler.Protobuf;

namespace Swarm.Functions.CustomHandler;

/// <summary>
/// Translation of the values shared by history events and actions: timestamps, statuses, instances, parents, trace
/// contexts and tags.
/// </summary>
/// <remarks>
/// Wrapper strings (<c>google.protobuf.StringValue</c>) need no translation: the generated C# exposes them as
/// <see cref="string"/> where <see langword="null"/> is an absent wrapper and <c>""</c> a present, empty one, which is
/// exactly how Swarm.Durable's nullable strings behave. Plain proto3 strings cannot be absent; they read as <c>""</c>.
/// </remarks>
public static class ProtocolValues
{
    /// <summary>A protobuf timestamp for <paramref name="value"/>; an unspecified kind is taken as UTC, local time is converted.</summary>
    public static Timestamp ToTimestamp(DateTime value)
    {
        // Timestamp.FromDateTime accepts only UTC; history stores UTC, so an unspecified kind is UTC by convention.
        var utc = value.Kind switch
        {
            DateTimeKind.Utc => value,
            DateTimeKind.Local => value.ToUniversalTime(),
            _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
        };
        return Timestamp.FromDateTime(utc);
    }

    /// <summary>A protobuf timestamp for <paramref name="value"/>, or <see langword="null"/>.</summary>
    public static Timestamp? ToTimestamp(DateTime? value) => value is { } present ? ToTimestamp(present) : null;

    /// <summary>The UTC time of a required timestamp.</summary>
    /// <exception cref="DurableProtocolException">The timestamp is absent or outside the range of <see cref="DateTime"/>.</exception>
    public static DateTime ToDateTime(Timestamp? value, string field)
    {
        if (value is null)
        {
            ProtocolThrowHelper.ThrowMissing(field);
        }

        return UtcTime(value, field);
    }

    /// <summary>The UTC time of an optional timestamp, or <see langword="null"/> when it is absent.</summary>
    /// <exception cref="DurableProtocolException">The timestamp is outside the range of <see cref="DateTime"/>.</exception>
    public static DateTime? ToNullableDateTime(Timestamp? value, string field) => value is null ? null : UtcTime(value, field);

    private static DateTime UtcTime(Timestamp value, string field)
    {
        // Out-of-range seconds or nanos can only come from a corrupt or hostile message; name the field, do not crash.
        try
        {
            return value.ToDateTime();
        }
        catch (InvalidOperationException ex)
        {
            ProtocolThrowHelper.ThrowInvalidTime(field, value.Seconds, value.Nanos, ex);
            return default;
        }
    }

    /// <summary>The wire value of <paramref name="status"/> (both enums share their numbers).</summary>
    public static P.OrchestrationStatus ToProto(OrchestrationStatus status)
    {
        if (!Enum.IsDefined(status))
        {
            ProtocolThrowHelper.ThrowNoWireStatus((int)status);
        }

        return (P.OrchestrationStatus)(int)status;
    }

    /// <summary>The Swarm.Durable value of a wire status.</summary>
    /// <exception cref="DurableProtocolException">The value is not one the schema defines.</exception>
    public static OrchestrationStatus ToDurable(P.OrchestrationStatus status, string field)
    {
        var value = (OrchestrationStatus)(int)status;
        if (!Enum.IsDefined(value))
        {
            ProtocolThrowHelper.ThrowUnknownStatus(field, (int)status);
        }

        return value;
    }

    /// <summary>The wire form of an orchestration instance.</summary>
    public static P.OrchestrationInstance ToProto(OrchestrationInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return new P.OrchestrationInstance { InstanceId = instance.InstanceId, ExecutionId = instance.ExecutionId };
    }

    /// <summary>The Swarm.Durable form of a required orchestration instance.</summary>
    /// <exception cref="DurableProtocolException">It is absent.</exception>
    public static OrchestrationInstance ToDurable(P.OrchestrationInstance? instance, string field)
    {
        if (instance is null)
        {
            ProtocolThrowHelper.ThrowMissing(field);
        }

        return new OrchestrationInstance(instance.InstanceId, instance.ExecutionId);
    }

    /// <summary>The wire form of a parent instance, or <see langword="null"/>.</summary>
    public static P.ParentInstanceInfo? ToProto(ParentInstanceInfo? parent) =>
        parent is null
            ? null
            : new P.ParentInstanceInfo
            {
                TaskScheduledId = parent.TaskScheduledId,
                Name = parent.Name,
                Version = parent.Version,
                OrchestrationInstance = ToProto(parent.OrchestrationInstance),
            };

    /// <summary>The Swarm.Durable form of a parent instance, or <see langword="null"/>.</summary>
    /// <exception cref="DurableProtocolException">The parent names no orchestration instance.</exception>
    public static ParentInstanceInfo? ToDurable(P.ParentInstanceInfo? parent) =>
        parent is null
            ? null
            : new ParentInstanceInfo(
                parent.TaskScheduledId,
                parent.Name,
                parent.Version,
                ToDurable(parent.OrchestrationInstance, "parentInstance.orchestrationInstance"));

    /// <summary>The wire form of a trace context, or <see langword="null"/>.</summary>
    public static P.TraceContext? ToProto(TraceContext? context) =>
        context is null ? null : new P.TraceContext { TraceParent = context.TraceParent, TraceState = context.TraceState };

    /// <summary>The Swarm.Durable form of a trace context, or <see langword="null"/> (the deprecated span id is not kept).</summary>
    public static TraceContext? ToDurable(P.TraceContext? context) =>
        context is null ? null : new TraceContext(context.TraceParent, context.TraceState);

    /// <summary>Copies <paramref name="tags"/> into a wire map.</summary>
    public static void CopyTags(IReadOnlyDictionary<string, string>? tags, MapField<string, string> target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (tags is null)
        {
            return;
        }

        foreach (var (key, value) in tags)
        {
            target[key] = value;
        }
    }

    /// <summary>The tags of a wire map; <see langword="null"/> when it is empty (the wire cannot tell empty from absent).</summary>
    public static IReadOnlyDictionary<string, string>? ToDurable(MapField<string, string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        return tags.Count == 0 ? null : new Dictionary<string, string>(tags, StringComparer.Ordinal);
    }
}
